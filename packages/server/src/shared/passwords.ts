import { hash, verify } from '@node-rs/argon2';

/** Shortest and longest password accepted (characters). The upper bound keeps hashing cheap to refuse. */
export const passwordPolicy = { minLength: 10, maxLength: 1000 } as const;

/** Hashes and checks passwords; `verifyNothing` spends the same time when there is no account to check. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Runs one verification against a dummy hash, so an unknown e-mail costs what a known one does. */
  verifyNothing(password: string): Promise<false>;
}

// @node-rs/argon2's Algorithm is an ambient const enum, unusable under isolatedModules; 2 is Argon2id.
const argon2id = 2;

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Tests use a tiny cost: the hash format records the
// parameters, so a hash verifies with whatever cost it was made with.
const costs = {
  standard: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  fast: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

/** An argon2id password hasher; `fast` only for tests. */
export function createPasswordHasher(strength: keyof typeof costs = 'standard'): PasswordHasher {
  const options = { algorithm: argon2id, ...costs[strength] };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    verify: async (passwordHash, password) => {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    verifyNothing: async (password) => {
      dummy ??= hash('not a real password, only spends time', options);
      await verify(await dummy, password).catch(() => false);
      return false;
    },
  };
}
