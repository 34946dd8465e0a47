import { createHash, randomBytes } from 'node:crypto';

/**
 * Makes a new bearer secret: 32 random bytes (256 bits) in base64url, optionally prefixed (API tokens use
 * `mw_` so that secret scanners and people recognise them). Only its `hashSecret` is ever stored.
 */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/**
 * The stored form of a secret: sha256 in hex. The secrets are high-entropy random values, so a fast hash
 * is enough (no password-style stretching); lookups go by this hash.
 */
export function hashSecret(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
