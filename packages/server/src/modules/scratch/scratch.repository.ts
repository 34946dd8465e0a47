import type { Kysely } from 'kysely';
import type { Database } from '../../shared/database.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

// A scratch thread is a thread in a private channel of its own (migrations/2026-12-05T0900_scratch_threads.ts),
// so this repository writes the rows of that channel and, on promotion and expiry, moves or deletes the rows
// of every module that hang off the thread. That crosses STYLE.md §6 (one table, one module) on purpose:
// expiry must delete all of them in one transaction, and a purge spread over eight modules' repositories
// would be eight places to forget a table.

/** A scratch thread's own row. */
export interface ScratchThreadRow {
  id: string;
  workspaceId: string;
  channelId: string;
  homeChannelId: string;
  expiresAt: number;
}

/** Creates the private channel of a new scratch thread, with its participants as members. */
export async function insertScratchChannel(
  db: Executor,
  row: { id: string; workspaceId: string; createdBy: string; createdAt: number },
  participantIds: readonly string[],
): Promise<void> {
  const name = `scratch-${row.id}`;
  await db
    .insertInto('channels')
    .values({
      ...row,
      name,
      nameNormalized: name,
      description: '',
      visibility: 'private',
      archivedAt: null,
      isScratch: 1,
    })
    .execute();
  await addParticipants(db, row.id, participantIds, row.createdAt);
}

/** Adds participants (members of the thread's channel); those already in stay as they were. */
export async function addParticipants(
  db: Executor,
  channelId: string,
  personIds: readonly string[],
  at: number,
): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  await db
    .insertInto('channelMembers')
    .values(unique.map((personId) => ({ channelId, personId, addedAt: at })))
    .onConflict((oc) => oc.columns(['channelId', 'personId']).doNothing())
    .execute();
}

/** The participants of a scratch thread's channel, in the order they joined. */
export async function listParticipantIds(db: Executor, channelId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('channelMembers')
    .select('personId')
    .where('channelId', '=', channelId)
    .orderBy('addedAt')
    .orderBy('personId')
    .execute();
  return rows.map((r) => r.personId);
}

/** Marks a thread as scratch: expiring at `expiresAt` unless promoted into `homeChannelId`. */
export async function markScratch(
  db: Executor,
  threadId: string,
  expiresAt: number,
  homeChannelId: string,
): Promise<void> {
  await db.updateTable('threads').set({ expiresAt, homeChannelId }).where('id', '=', threadId).execute();
}

/** A scratch thread by id, whoever asks (the expiry job); undefined once promoted or deleted. */
export async function findScratchThread(
  db: Executor,
  threadId: string,
): Promise<ScratchThreadRow | undefined> {
  const row = await db
    .selectFrom('threads')
    .select(['id', 'workspaceId', 'channelId', 'homeChannelId', 'expiresAt'])
    .where('id', '=', threadId)
    .where('expiresAt', 'is not', null)
    .executeTakeFirst();
  if (!row || row.expiresAt == null || row.homeChannelId == null) return undefined;
  return { ...row, expiresAt: Number(row.expiresAt), homeChannelId: row.homeChannelId };
}

/** Ids of the scratch threads a person takes part in, newest first, after `afterId` (ids grow with time). */
export async function listScratchThreadIds(
  db: Executor,
  workspaceId: string,
  personId: string,
  { limit, afterId }: { limit: number; afterId?: string },
): Promise<string[]> {
  let query = db
    .selectFrom('threads as t')
    .innerJoin('channelMembers as m', 'm.channelId', 't.channelId')
    .select('t.id')
    .where('t.workspaceId', '=', workspaceId)
    .where('m.personId', '=', personId)
    .where('t.expiresAt', 'is not', null);
  if (afterId !== undefined) query = query.where('t.id', '<', afterId);
  const rows = await query.orderBy('t.id', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

// Tables that name the channel of the rows they keep about a thread's posts (or the thread).
const channelTables = ['deliveries', 'asks', 'decisions', 'ideationRounds', 'checkins'] as const;

/**
 * Promotes a scratch thread: it becomes an ordinary thread of its home channel, keeping its posts, and
 * its own channel goes. Everything that named the scratch channel moves with it first.
 */
export async function promote(db: Executor, thread: ScratchThreadRow): Promise<void> {
  await db
    .updateTable('threads')
    .set({ channelId: thread.homeChannelId, expiresAt: null, homeChannelId: null })
    .where('id', '=', thread.id)
    .execute();
  for (const table of channelTables) {
    await db
      .updateTable(table)
      .set({ channelId: thread.homeChannelId })
      .where('channelId', '=', thread.channelId)
      .execute();
  }
  await db.deleteFrom('channels').where('id', '=', thread.channelId).execute();
}

/**
 * Deletes a scratch thread and everything of it, in the caller's transaction: live-update events that
 * name it or its posts, deliveries, asks, decisions opened in it, links either way, mentions, reactions,
 * versions, the posts (their full-text rows go with them by trigger on SQLite; PostgreSQL indexes the
 * rows themselves), followers, the thread, and its channel with its participants. Counted by table.
 */
export async function purge(db: Executor, thread: ScratchThreadRow): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const note = (table: string, result: { numDeletedRows: bigint }[]) => {
    counts[table] = (counts[table] ?? 0) + result.reduce((n, r) => n + Number(r.numDeletedRows), 0);
  };
  const postIds = (await db.selectFrom('posts').select('id').where('threadId', '=', thread.id).execute()).map(
    (p) => p.id,
  );
  // Events carry JSON payloads; ids are distinctive strings, so a quoted id in the text is a mention.
  const named = [thread.id, ...postIds];
  for (let i = 0; i < named.length; i += 100) {
    const chunk = named.slice(i, i + 100);
    note(
      'events',
      await db
        .deleteFrom('events')
        .where('workspaceId', '=', thread.workspaceId)
        .where((eb) => eb.or(chunk.map((id) => eb('payload', 'like', `%"${id}"%`))))
        .execute(),
    );
  }
  note('deliveries', await db.deleteFrom('deliveries').where('threadId', '=', thread.id).execute());
  note('asks', await db.deleteFrom('asks').where('threadId', '=', thread.id).execute());
  note('decisions', await db.deleteFrom('decisions').where('threadId', '=', thread.id).execute());
  const ofThread = db.selectFrom('posts').select('id').where('threadId', '=', thread.id);
  note(
    'postLinks',
    await db
      .deleteFrom('postLinks')
      .where((eb) => eb.or([eb('postId', 'in', ofThread), eb('buildsOnPostId', 'in', ofThread)]))
      .execute(),
  );
  for (const table of ['postMentions', 'reactions', 'postVersions'] as const) {
    note(table, await db.deleteFrom(table).where('postId', 'in', ofThread).execute());
  }
  note('posts', await db.deleteFrom('posts').where('threadId', '=', thread.id).execute());
  note('threadFollowers', await db.deleteFrom('threadFollowers').where('threadId', '=', thread.id).execute());
  note('threads', await db.deleteFrom('threads').where('id', '=', thread.id).execute());
  note(
    'channelMembers',
    await db.deleteFrom('channelMembers').where('channelId', '=', thread.channelId).execute(),
  );
  note('channels', await db.deleteFrom('channels').where('id', '=', thread.channelId).execute());
  return counts;
}
