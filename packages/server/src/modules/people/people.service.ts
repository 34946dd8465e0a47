import type { PersonRow } from '../../shared/database.js';
import { newId } from '../../shared/new-id.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { normalizeEmail } from './people.domain.js';
import { EmailTaken, InvalidCredentials } from './people.errors.js';
import { findPersonByEmail, insertPerson } from './people.repository.js';
import type { Executor } from './people.repository.js';

/** What a new account needs; the password is hashed beforehand, outside any transaction (it is slow). */
export interface NewAccount {
  email: string;
  displayName: string;
  passwordHash: string;
}

/**
 * Creates an account.
 *
 * @throws EmailTaken when the normalised address is already in use.
 */
export async function createAccount(db: Executor, input: NewAccount, now: number): Promise<PersonRow> {
  const emailNormalized = normalizeEmail(input.email);
  if (await findPersonByEmail(db, emailNormalized)) throw new EmailTaken();
  const person: PersonRow = {
    id: newId(now),
    email: input.email.trim(),
    emailNormalized,
    displayName: input.displayName,
    passwordHash: input.passwordHash,
    createdAt: now,
    deactivatedAt: null,
  };
  await insertPerson(db, person);
  return person;
}

/**
 * The active account whose e-mail and password match. An unknown address costs the same hashing time as a
 * known one, and every failure is the same error, so neither time nor message tells which was wrong.
 *
 * @throws InvalidCredentials
 */
export async function verifyCredentials(
  db: Executor,
  hasher: PasswordHasher,
  email: string,
  password: string,
): Promise<PersonRow> {
  const person = await findPersonByEmail(db, normalizeEmail(email));
  if (!person?.passwordHash) {
    await hasher.verifyNothing(password);
    throw new InvalidCredentials();
  }
  const isMatch = await hasher.verify(person.passwordHash, password);
  if (!isMatch || person.deactivatedAt !== null) throw new InvalidCredentials();
  return person;
}
