/**
 * Thrown by {@link parseRhythm} and {@link parseBlocks} for input that is not a valid rhythm.
 *
 * @example
 * try { parseRhythm(body.rhythm) } catch (e) {
 *   if (e instanceof RhythmError) reply(400, { path: `rhythm.${e.path}`, message: e.message });
 * }
 */
export class RhythmError extends Error {
  /** Where in the input the problem is, e.g. `week.tue[1]` or `exceptions[2].from`; `""` for the whole input. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = 'RhythmError';
    this.path = path;
  }
}
