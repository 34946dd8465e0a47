import { assertAllowed } from '../access/index.js';
import type { Caller } from '../../shared/caller.js';
import type { ApiTokenRow } from '../../shared/database.js';
import { DomainError } from '../../shared/domain-error.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { newId } from '../../shared/new-id.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import type { Executor } from '../people/index.js';
import {
  findAuthenticatingToken,
  insertApiToken,
  listLiveApiTokens,
  revokeApiToken,
  touchApiToken,
} from './api-tokens.repository.js';

/** The prefix of every API token, so scanners and people recognise a leaked one. */
export const apiTokenPrefix = 'mw_';
const touchGranularityMs = 60_000;

/** What the API token services need. */
export interface ApiTokenDeps {
  db: Executor;
  now: () => number;
}

/** Creates a token for the caller; the secret is returned this once and only its hash is kept. */
export async function createApiToken(
  deps: ApiTokenDeps,
  caller: Caller,
  input: { name: string; scope: ApiTokenRow['scope'] },
): Promise<{ token: string; row: ApiTokenRow }> {
  assertAllowed(caller, 'self.manage');
  const now = deps.now();
  const token = newSecret(apiTokenPrefix);
  const row: ApiTokenRow = {
    id: newId(now),
    workspaceId: caller.workspaceId,
    personId: caller.personId,
    name: input.name,
    tokenHash: hashSecret(token),
    scope: input.scope,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertApiToken(deps.db, row);
  return { token, row };
}

/** A page of the caller's live tokens in this workspace, newest first (never their secrets). */
export async function listApiTokens(
  deps: ApiTokenDeps,
  caller: Caller,
  page: PageRequest,
): Promise<Page<ApiTokenRow>> {
  const scope = { personId: caller.personId, workspaceId: caller.workspaceId };
  const rows = await listLiveApiTokens(deps.db, scope, { ...page, limit: page.limit + 1 });
  return toPage(rows, page.limit, (t) => ({ key: t.createdAt, id: t.id }));
}

/**
 * Revokes one of the caller's tokens.
 *
 * @throws DomainError `not_found` for another person's token, another workspace's, or a random id alike.
 */
export async function revokeMyApiToken(deps: ApiTokenDeps, caller: Caller, id: string): Promise<void> {
  assertAllowed(caller, 'self.manage');
  const scope = { id, personId: caller.personId, workspaceId: caller.workspaceId };
  if (!(await revokeApiToken(deps.db, scope, deps.now()))) {
    throw new DomainError('not_found', 'The API token does not exist or is not yours.');
  }
}

/** The caller a bearer token stands for; null when it is unknown, revoked, or its owner was deactivated. */
export async function authenticateApiToken(deps: ApiTokenDeps, token: string): Promise<Caller | null> {
  // One query checks the token, the person and the membership (revocation and deactivation take effect
  // on the next request: nothing is cached).
  const row = await findAuthenticatingToken(deps.db, hashSecret(token));
  if (!row) return null;
  // Most requests come within a minute of the last: skip the write (the update checks the same again).
  const now = deps.now();
  if (row.lastUsedAt === null || row.lastUsedAt <= now - touchGranularityMs)
    await touchApiToken(deps.db, row.id, now, touchGranularityMs);
  return {
    personId: row.personId,
    workspaceId: row.workspaceId,
    role: row.role,
    via: 'token',
    scope: row.scope,
    credentialId: row.id,
  };
}
