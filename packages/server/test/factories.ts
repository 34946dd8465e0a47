// Fixtures for content tests: workspaces, people, memberships and API tokens written as rows, so that
// route tests authenticate with `Authorization: Bearer <token>` without going through sign-up.
import type { Kysely } from 'kysely';
import type { Database, Role } from '../src/shared/database.js';
import { newId } from '../src/shared/new-id.js';
import { hashSecret, newSecret } from '../src/shared/secrets.js';

/** A person of a workspace with a bearer token. */
export interface TestPerson {
  id: string;
  workspaceId: string;
  role: Role;
  token: string;
  /** Headers that authenticate as this person. */
  headers: { authorization: string };
}

/** Creates a workspace. */
export async function createWorkspace(db: Kysely<Database>, name = 'Acme'): Promise<string> {
  const id = newId();
  await db.insertInto('workspaces').values({ id, name, createdAt: Date.now() }).execute();
  return id;
}

/** Creates a person with an active membership of `role` and a read-write (or read) API token. */
export async function createPerson(
  db: Kysely<Database>,
  workspaceId: string,
  role: Role = 'member',
  scope: 'read' | 'read-write' = 'read-write',
): Promise<TestPerson> {
  const id = newId();
  const now = Date.now();
  const email = `${id}@example.com`;
  await db
    .insertInto('people')
    .values({
      id,
      email,
      emailNormalized: email,
      displayName: `P ${role}`,
      passwordHash: null,
      createdAt: now,
      deactivatedAt: null,
    })
    .execute();
  await db
    .insertInto('memberships')
    .values({ workspaceId, personId: id, role, createdAt: now, deactivatedAt: null })
    .execute();
  const token = newSecret('mw_');
  await db
    .insertInto('apiTokens')
    .values({
      id: newId(),
      workspaceId,
      personId: id,
      name: 'test',
      tokenHash: hashSecret(token),
      scope,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    })
    .execute();
  return { id, workspaceId, role, token, headers: { authorization: `Bearer ${token}` } };
}

/** A workspace with one person of each role. */
export async function createTeam(db: Kysely<Database>) {
  const workspaceId = await createWorkspace(db);
  return {
    workspaceId,
    owner: await createPerson(db, workspaceId, 'owner'),
    admin: await createPerson(db, workspaceId, 'admin'),
    member: await createPerson(db, workspaceId, 'member'),
    other: await createPerson(db, workspaceId, 'member'),
    guest: await createPerson(db, workspaceId, 'guest'),
  };
}

/** A whole agreement with the default values, as `PUT /api/v1/agreement` takes it. */
export function defaultAgreementBody() {
  return {
    replyWindows: { today: 4, soon: 8, normal: 24 },
    interruptionBudget: 2,
    emergencyRoles: ['owner', 'admin'],
    allowChannelMentions: false,
    digestTimes: ['09:00'],
    meetingNoticeHours: 16,
    decisionWindowHours: 16,
    syncWindows: [],
  };
}
