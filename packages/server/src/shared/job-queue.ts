// The scheduler as modules see it (STYLE.md §2: modules never import platform/). `platform/scheduler`
// implements it; buildApp passes it to the services that schedule and registers their handlers. `Tx` is
// the executor modules already pass to their repositories (a transaction), kept generic so that this
// file needs no Kysely import.

/** A job to run at `dueAt` (server time, epoch ms) about one subject (a delivery id, an ask id…). */
export interface JobRequest {
  /** What runs it: the kind a handler is registered for, e.g. `delivery.release`. */
  kind: string;
  subjectId: string;
  /** The workspace the job belongs to; null for the server's own housekeeping. */
  workspaceId: string | null;
  dueAt: number;
}

/** A claimed job, as its handler receives it. */
export interface ClaimedJob extends JobRequest {
  id: string;
  /** How many times it was claimed, this claim included (more than one after a crash or failure). */
  attempts: number;
  fencingToken: number;
}

/** What a handler runs with: the transaction its writes go into, and the server time of the run. */
export interface JobContext<Tx> {
  tx: Tx;
  now: number;
  /**
   * Runs `task` once the job's transaction has committed (never when it rolls back), for effects outside
   * the database such as sending a mail. A failing task is logged; the job stays done.
   */
  afterCommit(task: () => Promise<void>): void;
}

/**
 * Runs one job. Its writes commit only together with the job's completion, and only while the claim is
 * still current (a worker whose lease expired and was taken over changes nothing). Throwing rolls the
 * writes back; the job runs again after a backoff.
 */
export type JobHandler<Tx> = (job: ClaimedJob, ctx: JobContext<Tx>) => Promise<void>;

/**
 * Runs several claimed jobs of one kind in one transaction (set-based statements instead of one
 * transaction per job). Every job it is given is due and still claimed by this worker, and is completed
 * in the same transaction. Throwing rolls all of them back; the scheduler then runs each job alone
 * (called with one job), so that a job that always fails is retried and fails by itself.
 */
export type BatchJobHandler<Tx> = (jobs: readonly ClaimedJob[], ctx: JobContext<Tx>) => Promise<void>;

/**
 * The durable job queue: never runs a job before its due time, never twice, never loses one.
 *
 * @example
 * ```ts
 * jobs.handle('delivery.release', (job, { tx, now }) => deliveries.release(tx, job.subjectId, now));
 * await jobs.schedule(tx, { kind: 'delivery.release', subjectId: delivery.id, workspaceId, dueAt });
 * ```
 */
export interface JobQueue<Tx> {
  /**
   * Schedules a job in the caller's transaction. A pending job of the same kind and subject is moved to
   * `dueAt` instead of duplicated. Returns the job's id.
   */
  schedule(tx: Tx, job: JobRequest): Promise<string>;
  /**
   * Schedules a job unless one of this kind and subject is pending, leaving that one as it is (for
   * subjects that name their due time, so that concurrent writers do not queue on one row).
   */
  ensureScheduled(tx: Tx, job: JobRequest): Promise<void>;
  /** Moves the pending job of this kind and subject; false when there is none. */
  reschedule(tx: Tx, job: { kind: string; subjectId: string; dueAt: number }): Promise<boolean>;
  /**
   * Removes the pending job of this kind and subject; false when there is none. A job already running
   * finishes, so handlers check their subject's state.
   */
  cancel(tx: Tx, job: { kind: string; subjectId: string }): Promise<boolean>;
  /** Registers the handler of a kind (once per kind, before the scheduler starts). */
  handle(kind: string, handler: JobHandler<Tx>): void;
  /** Registers the handler of a kind that runs several due jobs in one transaction (see {@link BatchJobHandler}). */
  handleBatch(kind: string, handler: BatchJobHandler<Tx>): void;
}
