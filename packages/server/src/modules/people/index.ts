/**
 * People: accounts (e-mail, display name, argon2id password), shared by every workspace a person joins.
 * Workspace roles live in `workspaces`; the admin endpoints over people live in `members`.
 */
export { normalizeEmail } from './people.domain.js';
export { EmailTaken, InvalidCredentials } from './people.errors.js';
/** Reads and writes of the `people` table, for services of other modules within their transactions. */
export {
  findPeopleByIds,
  findPersonByEmail,
  findPersonById,
  updatePasswordHash,
} from './people.repository.js';
export type { Executor } from './people.repository.js';
/** Creates an account, or checks a login's e-mail and password without a timing oracle. */
export { createAccount, verifyCredentials } from './people.service.js';
export type { NewAccount } from './people.service.js';
/** Zod fields of account forms, shared by setup and invitations. */
export { displayNameField, emailField, passwordField } from './people.schema.js';
