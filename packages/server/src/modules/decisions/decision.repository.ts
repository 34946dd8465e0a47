import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type {
  Database,
  DecisionParticipantRow,
  DecisionResponseRow,
  DecisionRow,
  Role,
} from '../../shared/database.js';
import type { PageRequest } from '../../shared/keyset-page.js';

/** The query executor repositories take: the database or a transaction of it. */
export type Executor = Kysely<Database>;

export async function insertDecision(
  db: Executor,
  row: DecisionRow,
  participants: readonly DecisionParticipantRow[],
): Promise<void> {
  await db.insertInto('decisions').values(row).execute();
  if (participants.length > 0)
    await db
      .insertInto('decisionParticipants')
      .values([...participants])
      .execute();
}

/** A decision of the workspace (no visibility check: the service checks the thread). */
export function findDecision(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<DecisionRow | undefined> {
  return db
    .selectFrom('decisions')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A decision by id alone, for the scheduler's jobs. */
export function findDecisionById(db: Executor, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listParticipants(
  db: Executor,
  decisionIds: readonly string[],
): Promise<DecisionParticipantRow[]> {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('decisionParticipants')
    .selectAll()
    .where('decisionId', 'in', [...decisionIds])
    .orderBy('decisionId')
    .orderBy('personId')
    .execute();
}

export function listResponses(db: Executor, decisionIds: readonly string[]): Promise<DecisionResponseRow[]> {
  if (decisionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('decisionResponses')
    .selectAll()
    .where('decisionId', 'in', [...decisionIds])
    .orderBy('decisionId')
    .orderBy('personId')
    .execute();
}

/** Sets a participant's current response (one per person; a new one replaces it). */
export async function putResponse(db: Executor, row: DecisionResponseRow): Promise<void> {
  await db
    .insertInto('decisionResponses')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['decisionId', 'personId']).doUpdateSet({
        kind: row.kind,
        optionIndex: row.optionIndex,
        reason: row.reason,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

/** Moves a decision from one of `from` to its outcome; false when another writer moved it first. */
export async function updateState(
  db: Executor,
  id: string,
  from: readonly DecisionRow['state'][],
  set: Partial<Pick<DecisionRow, 'state' | 'outcome' | 'chosenOption' | 'closedAt' | 'closedEarly'>>,
): Promise<boolean> {
  const result = await db
    .updateTable('decisions')
    .set(set)
    .where('id', '=', id)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setOutcomePost(db: Executor, id: string, postId: string): Promise<void> {
  await db.updateTable('decisions').set({ outcomePostId: postId }).where('id', '=', id).execute();
}

/** Marks that a participant's reminder was made; false when it was made already. */
export async function markReminded(db: Executor, decisionId: string, personId: string, now: number) {
  const result = await db
    .updateTable('decisionParticipants')
    .set({ remindedAt: now })
    .where('decisionId', '=', decisionId)
    .where('personId', '=', personId)
    .where('remindedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** What the decision list and log filter by. */
export interface DecisionFilter {
  workspaceId: string;
  /** Only decisions in these channels (the caller's readable ones). */
  channelIds: readonly string[];
  state?: DecisionRow['state'] | undefined;
  threadId?: string | undefined;
  /** Only closed ones (the decision log), newest close first. */
  isLog?: boolean;
  /** Words the question must contain (case-insensitive, as given). */
  text?: string | undefined;
  closedFrom?: number | undefined;
  closedTo?: number | undefined;
}

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of decisions, newest first (by close for the log, by id otherwise). */
export async function listDecisions(
  db: Executor,
  filter: DecisionFilter,
  page: PageRequest,
): Promise<DecisionRow[]> {
  if (filter.channelIds.length === 0) return [];
  let q = db
    .selectFrom('decisions')
    .selectAll()
    .where('workspaceId', '=', filter.workspaceId)
    .where('channelId', 'in', [...filter.channelIds]);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.threadId) q = q.where('threadId', '=', filter.threadId);
  if (filter.text) {
    const pattern = likePattern(filter.text);
    // The escape character stated: SQLite has none by default, PostgreSQL's is the backslash.
    q = q.where(sql<boolean>`lower(question) like ${pattern} escape '\\'`);
  }
  if (filter.isLog) {
    q = q.where('state', '=', 'closed');
    if (filter.closedFrom !== undefined) q = q.where('closedAt', '>=', filter.closedFrom);
    if (filter.closedTo !== undefined) q = q.where('closedAt', '<', filter.closedTo);
    if (page.after) {
      const key = Number(page.after.key);
      const id = page.after.id;
      q = q.where((eb) =>
        eb.or([eb('closedAt', '<', key), eb.and([eb('closedAt', '=', key), eb('id', '<', id)])]),
      );
    }
    return q.orderBy('closedAt', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  }
  if (page.after) q = q.where('id', '<', page.after.id);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}

/** The active role of a person in a workspace (for acting as the decider at close). */
export async function findActiveRole(
  db: Executor,
  workspaceId: string,
  personId: string,
): Promise<Role | null> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('workspaceId', '=', workspaceId)
    .where('personId', '=', personId)
    .where('deactivatedAt', 'is', null)
    .executeTakeFirst();
  return row?.role ?? null;
}
