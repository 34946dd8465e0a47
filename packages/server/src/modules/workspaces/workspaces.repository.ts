import type { Kysely } from 'kysely';
import type { Database, MembershipRow, Role, WorkspaceRow } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

type Executor = Kysely<Database>;

/** Adds a workspace. */
export async function insertWorkspace(db: Executor, workspace: WorkspaceRow): Promise<void> {
  await db.insertInto('workspaces').values(workspace).execute();
}

/** Whether any workspace exists (the server has been set up). */
export async function hasAnyWorkspace(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The workspace with this id, if any. */
export async function findWorkspace(db: Executor, id: string): Promise<WorkspaceRow | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A workspace with its count of active members. */
export interface WorkspaceSummary extends WorkspaceRow {
  activeMembers: number;
}

/** Every workspace, oldest first, with its active member count (for the admin command). */
export async function listWorkspaces(db: Executor): Promise<WorkspaceSummary[]> {
  const rows = await db
    .selectFrom('workspaces')
    .leftJoin('memberships', (join) =>
      join.onRef('memberships.workspaceId', '=', 'workspaces.id').on('memberships.deactivatedAt', 'is', null),
    )
    .select(['workspaces.id', 'workspaces.name', 'workspaces.createdAt'])
    .select((eb) => eb.fn.count<number>('memberships.personId').as('activeMembers'))
    .groupBy(['workspaces.id', 'workspaces.name', 'workspaces.createdAt'])
    .orderBy('workspaces.createdAt')
    .orderBy('workspaces.id')
    .execute();
  return rows.map((row) => ({ ...row, activeMembers: Number(row.activeMembers) }));
}

/** Adds a membership. */
export async function insertMembership(db: Executor, membership: MembershipRow): Promise<void> {
  await db.insertInto('memberships').values(membership).execute();
}

/** A person's membership of a workspace, active or not. */
export async function findMembership(
  db: Executor,
  workspaceId: string,
  personId: string,
): Promise<MembershipRow | undefined> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}

/** A person's active memberships, the oldest first. */
export async function listActiveMembershipsOfPerson(
  db: Executor,
  personId: string,
): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('personId', '=', personId)
    .where('deactivatedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('workspaceId')
    .execute();
}

/** A page of the memberships of a workspace, active or not, oldest first (keyset: joined at, person id). */
export async function listMemberships(
  db: Executor,
  workspaceId: string,
  page: PageRequest,
): Promise<MembershipRow[]> {
  let query = db.selectFrom('memberships').selectAll().where('workspaceId', '=', workspaceId);
  const after = page.after;
  if (after) {
    const key = Number(after.key);
    query = query.where((eb) =>
      eb.or([eb('createdAt', '>', key), eb.and([eb('createdAt', '=', key), eb('personId', '>', after.id)])]),
    );
  }
  return query.orderBy('createdAt').orderBy('personId').limit(page.limit).execute();
}

/** How many active owners a workspace has. */
export async function countActiveOwners(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspaceId', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('deactivatedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Changes a member's role. */
export async function updateRole(
  db: Executor,
  workspaceId: string,
  personId: string,
  role: Role,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .execute();
}

/** Marks a membership deactivated (kept for history: their posts still name them). */
export async function deactivateMembership(
  db: Executor,
  workspaceId: string,
  personId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ deactivatedAt: now })
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .where('deactivatedAt', 'is', null)
    .execute();
}
