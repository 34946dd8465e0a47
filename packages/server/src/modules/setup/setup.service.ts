import { isTimeZone } from '@meanwhile/time';
import type { PersonRow, WorkspaceRow } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import { newId } from '../../shared/new-id.js';
import type { PasswordHasher } from '../../shared/passwords.js';
import { enforceRate } from '../../shared/rate-limiter.js';
import type { RateLimiter } from '../../shared/rate-limiter.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import { createAccount } from '../people/index.js';
import { createDefaultRhythm } from '../rhythms/index.js';
import type { Executor } from '../people/index.js';
import { startSession } from '../sessions/index.js';
import type { SignedIn } from '../sessions/index.js';
import { createWorkspaceWithOwner, hasAnyWorkspace } from '../workspaces/index.js';
import { findUsableSetupToken, insertSetupToken, useAllSetupTokens } from './setup.repository.js';

/** How long a setup link works. */
export const setupTokenLifetimeMs = 24 * 60 * 60_000;
const setupPerClient = { limit: 20, windowMs: 15 * 60_000 };

/** What the setup services need. */
export interface SetupDeps {
  db: Executor;
  hasher: PasswordHasher;
  limiter: RateLimiter;
  now: () => number;
}

/** The first owner and their workspace. */
export interface OwnerInput {
  workspaceName: string;
  email: string;
  displayName: string;
  password: string;
  /** IANA zone of the owner's default rhythm; UTC when absent. */
  timeZone?: string | undefined;
}

/**
 * When no workspace exists yet, makes a one-time setup token (only its hash is stored) and returns it for
 * the start-up message; otherwise null. Each start makes a new one; earlier ones still expire on time.
 */
export async function prepareSetup(
  db: Executor,
  now: number,
): Promise<{ token: string; expiresAt: number } | null> {
  if (await hasAnyWorkspace(db)) return null;
  const token = newSecret();
  const expiresAt = now + setupTokenLifetimeMs;
  await insertSetupToken(db, {
    id: newId(now),
    tokenHash: hashSecret(token),
    createdAt: now,
    expiresAt,
    usedAt: null,
  });
  return { token, expiresAt };
}

const setupDone = () =>
  new DomainError('setup_invalid', 'This setup link is not valid, or the server is already set up.');

async function createFirstOwner(
  db: Executor,
  input: Omit<OwnerInput, 'password'> & { passwordHash: string },
  now: number,
): Promise<{ person: PersonRow; workspace: WorkspaceRow }> {
  const person = await createAccount(db, input, now);
  const workspace = await createWorkspaceWithOwner(db, input.workspaceName, person.id, now);
  await createDefaultRhythm(db, person.id, input.timeZone, now);
  await useAllSetupTokens(db, now);
  return { person, workspace };
}

/** Uses the setup link: creates the first owner, their workspace and a session. */
export async function completeSetup(
  deps: SetupDeps,
  input: OwnerInput & { token: string; clientIp: string; userAgent: string | undefined },
): Promise<SignedIn> {
  await enforceRate(deps.limiter, `setup:client:${input.clientIp}`, setupPerClient);
  if (!(await findUsableSetupToken(deps.db, hashSecret(input.token), deps.now()))) throw setupDone();
  const passwordHash = await deps.hasher.hash(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    // Re-checked inside the transaction: a concurrent setup or `create-owner` may have won.
    if (!(await findUsableSetupToken(trx, hashSecret(input.token), now))) throw setupDone();
    if (await hasAnyWorkspace(trx)) throw setupDone();
    const { person, workspace } = await createFirstOwner(trx, { ...input, passwordHash }, now);
    const session = await startSession(
      trx,
      { personId: person.id, workspaceId: workspace.id, userAgent: input.userAgent },
      now,
    );
    return { ...session, person, workspace, role: 'owner' as const };
  });
}

/**
 * Creates an owner with a new workspace, for `meanwhile admin create-owner` (whoever runs it on the
 * server already controls the data). Any pending setup link stops working.
 */
export async function createOwner(
  deps: Pick<SetupDeps, 'db' | 'hasher' | 'now'>,
  input: OwnerInput,
): Promise<{ person: PersonRow; workspace: WorkspaceRow }> {
  if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
    throw new DomainError(
      'validation_failed',
      `Unknown time zone "${input.timeZone.slice(0, 64)}"; use an IANA name such as Europe/Berlin.`,
    );
  }
  const passwordHash = await deps.hasher.hash(input.password);
  return deps.db
    .transaction()
    .execute((trx) => createFirstOwner(trx, { ...input, passwordHash }, deps.now()));
}
