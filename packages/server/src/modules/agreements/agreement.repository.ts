import type { Kysely } from 'kysely';
import type { AgreementVersionRow, ChannelAgreementRow, Database } from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

/** The current (highest) version of a workspace's agreement, if it was ever changed. */
export async function findCurrentVersion(
  db: Executor,
  workspaceId: string,
): Promise<AgreementVersionRow | undefined> {
  return db
    .selectFrom('agreementVersions')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Adds a version unless that version number exists (a concurrent change won); whether it was added. The
 * primary key (workspace, version) makes two writers of the same next version collide.
 */
export async function insertVersion(db: Executor, row: AgreementVersionRow): Promise<boolean> {
  const inserted = await db
    .insertInto('agreementVersions')
    .values(row)
    .onConflict((oc) => oc.columns(['workspaceId', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A page of a workspace's versions, newest first (keyset: version). */
export async function listVersions(
  db: Executor,
  workspaceId: string,
  page: PageRequest,
): Promise<AgreementVersionRow[]> {
  let query = db.selectFrom('agreementVersions').selectAll().where('workspaceId', '=', workspaceId);
  if (page.after) query = query.where('version', '<', Number(page.after.key));
  return query.orderBy('version', 'desc').limit(page.limit).execute();
}

/** A channel's reply-window overrides, if it has any. */
export async function findChannelAgreement(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<ChannelAgreementRow | undefined> {
  return db
    .selectFrom('channelAgreements')
    .selectAll()
    .where('channelId', '=', channelId)
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
}

/** Replaces a channel's reply-window overrides. */
export async function upsertChannelAgreement(db: Executor, row: ChannelAgreementRow): Promise<void> {
  const { replyWindows, updatedBy, reason, updatedAt } = row;
  await db
    .insertInto('channelAgreements')
    .values(row)
    .onConflict((oc) => oc.column('channelId').doUpdateSet({ replyWindows, updatedBy, reason, updatedAt }))
    .execute();
}
