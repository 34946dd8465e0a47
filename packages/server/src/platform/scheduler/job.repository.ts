import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, ScheduledJobRow } from '../../shared/database.js';
import type { ClaimedJob, JobRequest } from '../../shared/job-queue.js';
import { newId } from '../../shared/new-id.js';

// The queries of the job queue. STYLE.md §6 keeps dialect branches in platform/db/; the one here (row
// locks with SKIP LOCKED exist only on PostgreSQL) stays beside the claim it changes, so that the claim
// reads as one statement. SQLite runs one process and one connection: its claim statement is atomic.

type Executor = Kysely<Database>;

/** How a worker claims. */
export interface ClaimRequest {
  now: number;
  workerId: string;
  leaseMs: number;
  limit: number;
  isPostgres: boolean;
}

const claimedColumns = [
  'id',
  'kind',
  'subjectId',
  'workspaceId',
  'dueAt',
  'attempts',
  'fencingToken',
] as const;

function toClaimedJob(row: Pick<ScheduledJobRow, (typeof claimedColumns)[number]>): ClaimedJob {
  return { ...row, dueAt: Number(row.dueAt), fencingToken: Number(row.fencingToken) };
}

/** Inserts a pending job, or moves the pending job of the same kind and subject; returns its id. */
export async function upsertPendingJob(db: Executor, job: JobRequest, now: number): Promise<string> {
  const row = await db
    .insertInto('scheduledJobs')
    .values({
      id: newId(now),
      kind: job.kind,
      subjectId: job.subjectId,
      workspaceId: job.workspaceId,
      dueAt: job.dueAt,
      state: 'pending',
      claimedBy: null,
      leaseUntil: null,
      fencingToken: 0,
      attempts: 0,
      lastError: null,
      createdAt: now,
      doneAt: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'subjectId'])
        // Spelled as in the partial unique index, so that PostgreSQL infers it (a parameter would not).
        .where(sql<boolean>`state = 'pending'`)
        .doUpdateSet((eb) => ({
          dueAt: eb.ref('excluded.dueAt'),
          workspaceId: eb.ref('excluded.workspaceId'),
        })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts a pending job unless one of that kind and subject is pending already. */
export async function insertJobIfAbsent(db: Executor, job: JobRequest, now: number): Promise<void> {
  await db
    .insertInto('scheduledJobs')
    .values({
      id: newId(now),
      ...job,
      state: 'pending',
      claimedBy: null,
      leaseUntil: null,
      fencingToken: 0,
      attempts: 0,
      lastError: null,
      createdAt: now,
      doneAt: null,
    })
    .onConflict((oc) =>
      oc
        .columns(['kind', 'subjectId'])
        .where(sql<boolean>`state = 'pending'`)
        .doNothing(),
    )
    .execute();
}

/** Moves the pending job of a kind and subject; false when there is none. */
export async function movePendingJob(
  db: Executor,
  job: { kind: string; subjectId: string; dueAt: number },
): Promise<boolean> {
  const result = await db
    .updateTable('scheduledJobs')
    .set({ dueAt: job.dueAt })
    .where('kind', '=', job.kind)
    .where('subjectId', '=', job.subjectId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes the pending job of a kind and subject; false when there is none. */
export async function deletePendingJob(db: Executor, job: { kind: string; subjectId: string }) {
  const result = await db
    .deleteFrom('scheduledJobs')
    .where('kind', '=', job.kind)
    .where('subjectId', '=', job.subjectId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Claims up to `limit` jobs, earliest due first: pending ones due by `now`, and claimed ones whose lease
 * ran out (a crashed or stalled worker's). A lease ending more than two leases ahead means the clock
 * stepped back since it was taken; it counts as expired too, so a step cannot strand a claim for hours.
 * Each claim raises the job's fencing token.
 */
export async function claimDueJobs(db: Executor, request: ClaimRequest): Promise<ClaimedJob[]> {
  const { now, leaseMs } = request;
  let picked = db
    .selectFrom('scheduledJobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'pending'), eb('dueAt', '<=', now)]),
        eb.and([
          eb('state', '=', 'claimed'),
          eb.or([eb('leaseUntil', '<=', now), eb('leaseUntil', '>', now + 2 * leaseMs)]),
        ]),
      ]),
    )
    .orderBy('dueAt')
    .limit(request.limit);
  if (request.isPostgres) picked = picked.forUpdate().skipLocked();
  const rows = await db
    .updateTable('scheduledJobs')
    .set((eb) => ({
      state: 'claimed',
      claimedBy: request.workerId,
      leaseUntil: now + leaseMs,
      fencingToken: eb('fencingToken', '+', 1),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', picked)
    .returning(claimedColumns)
    .execute();
  return rows.map(toClaimedJob).sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/**
 * Marks a claimed job done if the claim is still current (same fencing token); false otherwise. Run in
 * the handler's transaction, first: on PostgreSQL the row stays locked until commit, so no other worker
 * claims it meanwhile, and a stale worker learns it is stale before it writes anything.
 */
export async function completeJob(db: Executor, job: ClaimedJob, now: number): Promise<boolean> {
  const result = await db
    .updateTable('scheduledJobs')
    .set({ state: 'done', doneAt: now, leaseUntil: null })
    .where('id', '=', job.id)
    .where('fencingToken', '=', job.fencingToken)
    .where('state', '=', 'claimed')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Marks the claimed jobs done whose claim is still current (same fencing token), in one statement; returns
 * the ids it marked. As {@link completeJob}, run first in the handler's transaction: the rows stay locked
 * until commit, and jobs taken over by another worker are left out of the batch before anything is written.
 */
export async function completeJobs(
  db: Executor,
  jobs: readonly ClaimedJob[],
  now: number,
): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const rows = await db
    .updateTable('scheduledJobs')
    .set({ state: 'done', doneAt: now, leaseUntil: null })
    .where('state', '=', 'claimed')
    .where(
      'id',
      'in',
      jobs.map((j) => j.id),
    )
    .where((eb) =>
      eb(
        eb.refTuple('id', 'fencingToken'),
        'in',
        jobs.map((j) => eb.tuple(j.id, j.fencingToken)),
      ),
    )
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Gives a claimed job back (failed, or not run at shutdown): pending again at `dueAt`, if the claim is
 * still current. When another pending job of the same kind and subject was scheduled meanwhile, that one
 * supersedes it and this one is closed instead.
 */
export async function releaseJob(
  db: Executor,
  job: ClaimedJob,
  change: { dueAt: number; lastError: string | null; now: number },
): Promise<void> {
  const current = (qb: Executor) =>
    qb
      .updateTable('scheduledJobs')
      .where('id', '=', job.id)
      .where('fencingToken', '=', job.fencingToken)
      .where('state', '=', 'claimed');
  const reopened = await current(db)
    .set({
      state: 'pending',
      dueAt: change.dueAt,
      claimedBy: null,
      leaseUntil: null,
      lastError: change.lastError,
    })
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('scheduledJobs as sibling')
            .select('sibling.id')
            .where('sibling.kind', '=', job.kind)
            .where('sibling.subjectId', '=', job.subjectId)
            .where('sibling.state', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  if (reopened.numUpdatedRows === 0n) {
    await current(db)
      .set({ state: 'done', doneAt: change.now, leaseUntil: null, lastError: change.lastError })
      .execute();
  }
}

/** The earliest time something may become claimable: a pending job's due time or a lease's end. */
export async function findNextDueAt(db: Executor): Promise<number | null> {
  const pending = await db
    .selectFrom('scheduledJobs')
    .select((eb) => eb.fn.min('dueAt').as('at'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const leases = await db
    .selectFrom('scheduledJobs')
    .select((eb) => eb.fn.min('leaseUntil').as('at'))
    .where('state', '=', 'claimed')
    .executeTakeFirst();
  const times = [pending?.at, leases?.at].filter((t) => t !== null && t !== undefined).map(Number);
  return times.length === 0 ? null : Math.min(...times);
}

/** Deletes done jobs finished before `before`; returns how many. */
export async function deleteDoneJobs(db: Executor, before: number): Promise<number> {
  const result = await db
    .deleteFrom('scheduledJobs')
    .where('state', '=', 'done')
    .where('doneAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
