/** The longest channel name, in characters after trimming. */
export const maxChannelNameLength = 80;
/** The longest channel description. */
export const maxChannelDescriptionLength = 1000;

/**
 * The form of a channel name that uniqueness compares: NFC, case-folded, trimmed. `Ops`, `OPS` and `ops`
 * collide; `оps` with a Cyrillic `о` does not, but it is stored and shown as typed (BAD_INPUT row 6).
 */
export function normalizeChannelName(name: string): string {
  return name.trim().normalize('NFC').toLocaleLowerCase('und').normalize('NFC');
}
