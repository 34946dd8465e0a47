/**
 * The form of an e-mail address used for uniqueness and lookup: Unicode NFC, lower case, no surrounding
 * spaces. `Ana@Example.COM` and `ana@example.com` are one account; so are composed and decomposed accents.
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}
