import type { Kysely } from 'kysely';
import type { ChannelRow, Database, Role } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** A channel and whether a given person is a member. */
export type ChannelWithMembership = ChannelRow & { isMember: boolean };

/** A workspace member as channel rules need them. */
export interface MemberFacts {
  personId: string;
  role: Role;
  isChannelMember: boolean;
}

function selectChannels(db: Executor, workspaceId: string, personId: string) {
  return db
    .selectFrom('channels as c')
    .leftJoin('channelMembers as m', (join) =>
      join.onRef('m.channelId', '=', 'c.id').on('m.personId', '=', personId),
    )
    .selectAll('c')
    .select((eb) => eb('m.personId', 'is not', null).as('isMember'))
    .where('c.workspaceId', '=', workspaceId);
}

const withBoolean = (row: ChannelRow & { isMember: unknown }): ChannelWithMembership => ({
  ...row,
  isMember: Boolean(row.isMember),
});

/** The channel with this id in this workspace, with the person's membership; undefined otherwise. */
export async function findChannel(
  db: Executor,
  workspaceId: string,
  personId: string,
  channelId: string,
): Promise<ChannelWithMembership | undefined> {
  const row = await selectChannels(db, workspaceId, personId)
    .where('c.id', '=', channelId)
    .executeTakeFirst();
  return row && withBoolean(row);
}

/** Channels the person may list, by normalized name: members see theirs, and public ones unless guests. */
export async function listChannels(
  db: Executor,
  workspaceId: string,
  personId: string,
  includePublic: boolean,
  page: PageRequest,
): Promise<ChannelWithMembership[]> {
  // A scratch thread's own channel is reached through its thread, never listed (modules/scratch).
  let query = selectChannels(db, workspaceId, personId)
    .where('c.isScratch', '=', 0)
    .where((eb) =>
      includePublic
        ? eb.or([eb('c.visibility', '=', 'public'), eb('m.personId', 'is not', null)])
        : eb('m.personId', 'is not', null),
    );
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('c.nameNormalized', '>', String(after.key)),
        eb.and([eb('c.nameNormalized', '=', String(after.key)), eb('c.id', '>', after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy('c.nameNormalized').orderBy('c.id').limit(page.limit).execute();
  return rows.map(withBoolean);
}

/** Ids of every channel of the workspace the person may read (search filters by these). */
export async function listReadableChannelIds(
  db: Executor,
  workspaceId: string,
  personId: string,
  includePublic: boolean,
): Promise<string[]> {
  const rows = await selectChannels(db, workspaceId, personId)
    .where((eb) =>
      includePublic
        ? eb.or([eb('c.visibility', '=', 'public'), eb('m.personId', 'is not', null)])
        : eb('m.personId', 'is not', null),
    )
    .execute();
  return rows.map((row) => row.id);
}

/** Inserts a channel unless its normalized name is taken; whether it was inserted. */
export async function insertChannel(db: Executor, row: ChannelRow): Promise<boolean> {
  const inserted = await db
    .insertInto('channels')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'nameNormalized']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Changes a channel's name or description unless the new name is taken; whether it changed. */
export async function updateChannel(
  db: Executor,
  channelId: string,
  changes: Partial<Pick<ChannelRow, 'name' | 'nameNormalized' | 'description' | 'archivedAt'>>,
): Promise<boolean> {
  if (changes.nameNormalized !== undefined) {
    const clash = await db
      .selectFrom('channels as c')
      .select('c.id')
      .where('c.id', '!=', channelId)
      .where('c.nameNormalized', '=', changes.nameNormalized)
      .where('c.workspaceId', '=', (eb) =>
        eb.selectFrom('channels').select('workspaceId').where('id', '=', channelId),
      )
      .executeTakeFirst();
    if (clash) return false;
  }
  await db.updateTable('channels').set(changes).where('id', '=', channelId).execute();
  return true;
}

/** Adds a member; adding one twice is a no-op. */
export async function addChannelMember(
  db: Executor,
  channelId: string,
  personId: string,
  at: number,
): Promise<void> {
  await db
    .insertInto('channelMembers')
    .values({ channelId, personId, addedAt: at })
    .onConflict((oc) => oc.columns(['channelId', 'personId']).doNothing())
    .execute();
}

/** Removes a member; removing a non-member is a no-op. */
export async function removeChannelMember(db: Executor, channelId: string, personId: string): Promise<void> {
  await db
    .deleteFrom('channelMembers')
    .where('channelId', '=', channelId)
    .where('personId', '=', personId)
    .execute();
}

/**
 * The active workspace members among `personIds`, with their role and channel membership.
 * TODO: read memberships through the people module's index once it exists; it owns that table.
 */
export async function findMemberFacts(
  db: Executor,
  workspaceId: string,
  channelId: string,
  personIds: readonly string[],
): Promise<MemberFacts[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('memberships as w')
    .innerJoin('people as p', 'p.id', 'w.personId')
    .leftJoin('channelMembers as m', (join) =>
      join.onRef('m.personId', '=', 'w.personId').on('m.channelId', '=', channelId),
    )
    .select(['w.personId', 'w.role'])
    .select((eb) => eb('m.personId', 'is not', null).as('isChannelMember'))
    .where('w.workspaceId', '=', workspaceId)
    .where('w.personId', 'in', [...personIds])
    .where('w.deactivatedAt', 'is', null)
    .where('p.deactivatedAt', 'is', null)
    .execute();
  return rows.map((row) => ({ ...row, isChannelMember: Boolean(row.isChannelMember) }));
}

/** Ids of the active workspace members who are members of the channel. */
export async function listChannelMemberIds(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('channelMembers as m')
    .innerJoin('memberships as w', 'w.personId', 'm.personId')
    .innerJoin('people as p', 'p.id', 'm.personId')
    .select('m.personId')
    .where('m.channelId', '=', channelId)
    .where('w.workspaceId', '=', workspaceId)
    .where('w.deactivatedAt', 'is', null)
    .where('p.deactivatedAt', 'is', null)
    .execute();
  return rows.map((row) => row.personId);
}
