import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { Database } from '../../shared/database.js';
import type {
  BatchJobHandler,
  ClaimedJob,
  JobHandler,
  JobQueue,
  JobRequest,
} from '../../shared/job-queue.js';
import type { DatabaseHandle } from '../db/open-database.js';
import * as repo from './job.repository.js';

type Tx = Kysely<Database>;

/** The channel processes wake each other on when a job is scheduled. */
export const jobsChannel = 'meanwhile_jobs';

/** How the scheduler runs; every field has a default. */
export interface SchedulerOptions {
  /** Names this worker in `claimed_by`; host, pid and a random suffix by default. */
  workerId: string;
  /** How long a claim holds before another worker may take the job over (30 s; at most 60 s). */
  leaseMs: number;
  /** Jobs claimed per statement. */
  batchSize: number;
  /** Transactions of a batch run at once: 1 on SQLite (one connection), 4 on PostgreSQL. */
  concurrency: number;
  /**
   * The most jobs of one batch-handled kind (`handleBatch`) run in one transaction (25). A claimed batch
   * is spread over `concurrency` transactions before any of them grows past this.
   */
  jobsPerTransaction: number;
  /** The longest sleep between looks at the queue, to notice what other processes or clock steps made due. */
  maxIdleMs: number;
  /** The delay before a failed job runs again, by its number of attempts. */
  retryDelayMs(attempts: number): number;
}

/** Where the scheduler reports failures (the app's logger). */
export interface SchedulerLog {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** What one pass over the queue did. */
export interface PassResult {
  claimed: number;
  done: number;
  /** Claims that were no longer current when their turn came (taken over after the lease ran out). */
  stale: number;
  failed: number;
}

/** A kind's handler; one-job handlers are kept as batch handlers called with one job. */
interface RegisteredHandler {
  run: BatchJobHandler<Tx>;
  isBatch: boolean;
}

class StaleClaim extends Error {}
class NotDueYet extends Error {}

const silentLog: SchedulerLog = { warn: () => undefined, error: () => undefined };

function defaultOptions(dialect: DatabaseHandle['dialect']): SchedulerOptions {
  return {
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMs: 30_000,
    batchSize: 100,
    concurrency: dialect === 'postgres' ? 4 : 1,
    jobsPerTransaction: 25,
    maxIdleMs: 5_000,
    retryDelayMs: (attempts) => Math.min(3_600_000, 1000 * 2 ** Math.min(attempts, 12)),
  };
}

/**
 * The durable job queue and its loop (platform/scheduler). Jobs live in `scheduled_jobs`; a worker
 * claims due ones in batches under a lease, and runs each handler in a transaction that first completes
 * the job if its claim is still current (fencing token), so a handler's writes and the job's completion
 * commit together or not at all. On PostgreSQL several processes claim with `FOR UPDATE SKIP LOCKED`;
 * a killed process's claims are taken over once their lease ends. Only the injected clock decides what
 * is due. Kinds registered with `handleBatch` run several claimed jobs in one transaction (their fencing
 * checks in one statement); when such a transaction fails, each of its jobs runs again alone, so that one
 * failing job is retried by itself and never holds back the others.
 */
export class Scheduler implements JobQueue<Tx> {
  readonly options: SchedulerOptions;
  readonly #handlers = new Map<string, RegisteredHandler>();
  #isRunning = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #isWakeRequested = false;
  #unlisten: (() => void) | undefined;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'db' | 'dialect' | 'notifications'>,
    private readonly clock: Clock,
    options: Partial<SchedulerOptions> = {},
    private readonly log: SchedulerLog = silentLog,
  ) {
    this.options = { ...defaultOptions(database.dialect), ...options };
    if (this.options.leaseMs > 60_000) throw new Error('A lease may last at most 60 s.');
  }

  handle(kind: string, handler: JobHandler<Tx>): void {
    this.#register(kind, { run: (jobs, ctx) => handler(jobs[0]!, ctx), isBatch: false });
  }

  handleBatch(kind: string, handler: BatchJobHandler<Tx>): void {
    this.#register(kind, { run: handler, isBatch: true });
  }

  #register(kind: string, handler: RegisteredHandler): void {
    if (this.#handlers.has(kind)) throw new Error(`A handler of ${kind} is registered already.`);
    this.#handlers.set(kind, handler);
  }

  async schedule(tx: Tx, job: JobRequest): Promise<string> {
    const id = await repo.upsertPendingJob(tx, job, this.clock.now());
    await this.#announce(tx);
    return id;
  }

  /** Schedules a job unless one of that kind and subject is pending (recurring housekeeping). */
  async ensureScheduled(tx: Tx, job: JobRequest): Promise<void> {
    await repo.insertJobIfAbsent(tx, job, this.clock.now());
    await this.#announce(tx);
  }

  async reschedule(tx: Tx, job: { kind: string; subjectId: string; dueAt: number }): Promise<boolean> {
    const isMoved = await repo.movePendingJob(tx, job);
    if (isMoved) await this.#announce(tx);
    return isMoved;
  }

  cancel(tx: Tx, job: { kind: string; subjectId: string }): Promise<boolean> {
    return repo.deletePendingJob(tx, job);
  }

  // Every process (this one included) looks at the queue again once the transaction commits.
  async #announce(tx: Tx): Promise<void> {
    await this.database.notifications.notify(tx, jobsChannel, '');
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.#isRunning) return;
    this.#isRunning = true;
    this.#unlisten = this.database.notifications.listen(jobsChannel, () => this.wake());
    this.#loop = this.#run();
  }

  /** Stops the loop: the running jobs finish, the claimed ones not started are given back. */
  async stop(): Promise<void> {
    this.#isRunning = false;
    this.#unlisten?.();
    this.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  /** Makes the loop look at the queue now (a job was scheduled, the clock moved). */
  wake(): void {
    this.#isWakeRequested = true;
    this.#wake?.();
  }

  /** Claims one batch of due jobs and runs it. */
  async runDue(): Promise<PassResult> {
    return this.runClaimed(await this.claimBatch());
  }

  /** Claims one batch of due jobs by the clock's current time. */
  claimBatch(): Promise<ClaimedJob[]> {
    const { workerId, leaseMs, batchSize } = this.options;
    return repo.claimDueJobs(this.database.db, {
      now: this.clock.now(),
      workerId,
      leaseMs,
      limit: batchSize,
      isPostgres: this.database.dialect === 'postgres',
    });
  }

  /**
   * Runs claimed jobs, `concurrency` transactions at a time: one per job, or one per group of jobs of a
   * batch-handled kind. Once stopping, gives the rest back.
   */
  async runClaimed(jobs: ClaimedJob[]): Promise<PassResult> {
    const result: PassResult = { claimed: jobs.length, done: 0, stale: 0, failed: 0 };
    const units = this.#units(jobs);
    let next = 0;
    const worker = async () => {
      while (next < units.length) {
        const unit = units[next++]!;
        if (this.#loop && !this.#isRunning) {
          for (const job of unit) await this.#giveBack(job, job.dueAt, null);
        } else await this.#runUnit(unit, result);
      }
    };
    const lanes = Math.max(1, Math.min(this.options.concurrency, units.length));
    await Promise.all(Array.from({ length: lanes }, worker));
    return result;
  }

  // One transaction's worth of jobs each: a job alone, or up to `jobsPerTransaction` jobs of a batch kind,
  // spread so that every lane has work. Within a kind in subject order, so that jobs about the same
  // subject (a recipient's releases at two times) tend to share a transaction rather than wait on each other.
  #units(jobs: readonly ClaimedJob[]): ClaimedJob[][] {
    const units: ClaimedJob[][] = [];
    const batches = new Map<string, ClaimedJob[]>();
    for (const job of jobs) {
      if (!this.#handlers.get(job.kind)?.isBatch) units.push([job]);
      else if (batches.has(job.kind)) batches.get(job.kind)!.push(job);
      else batches.set(job.kind, [job]);
    }
    for (const group of batches.values()) {
      group.sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
      const perLane = Math.ceil(group.length / Math.max(1, this.options.concurrency));
      const size = Math.max(1, Math.min(this.options.jobsPerTransaction, perLane));
      for (let i = 0; i < group.length; i += size) units.push(group.slice(i, i + size));
    }
    return units;
  }

  async #runUnit(unit: ClaimedJob[], result: PassResult): Promise<void> {
    const handler = this.#handlers.get(unit[0]!.kind);
    if (unit.length === 1 || !handler) {
      for (const job of unit) result[await this.#runOne(job, handler)] += 1;
      return;
    }
    const now = this.clock.now();
    const due: ClaimedJob[] = [];
    for (const job of unit) {
      if (job.dueAt <= now) due.push(job);
      else result[await this.#failed(job, new NotDueYet())] += 1;
    }
    if (due.length <= 1) {
      for (const job of due) result[await this.#runOne(job, handler)] += 1;
      return;
    }
    const afterCommit: (() => Promise<void>)[] = [];
    let current: ClaimedJob[] = [];
    try {
      await this.database.db.transaction().execute(async (tx) => {
        const completed = await repo.completeJobs(tx, due, now);
        current = due.filter((job) => completed.has(job.id));
        if (current.length > 0)
          await handler.run(current, { tx, now, afterCommit: (task) => afterCommit.push(task) });
      });
    } catch (error) {
      // Nothing of the batch was written: each job runs again alone, and only a failing one fails.
      this.log.warn(
        { err: error, kind: unit[0]!.kind, jobs: due.length },
        'a batch of jobs failed; its jobs run one by one',
      );
      for (const job of due) result[await this.#runOne(job, handler)] += 1;
      return;
    }
    result.done += current.length;
    result.stale += due.length - current.length;
    await this.#runAfterCommit(afterCommit, current);
  }

  async #runOne(
    job: ClaimedJob,
    handler: RegisteredHandler | undefined,
  ): Promise<'done' | 'stale' | 'failed'> {
    const afterCommit: (() => Promise<void>)[] = [];
    try {
      if (!handler) throw new Error(`No handler is registered for jobs of kind ${job.kind}.`);
      await this.database.db.transaction().execute(async (tx) => {
        const now = this.clock.now();
        // The clock stepped back since the claim: the job is not due any more.
        if (job.dueAt > now) throw new NotDueYet();
        if (!(await repo.completeJob(tx, job, now))) throw new StaleClaim();
        await handler.run([job], { tx, now, afterCommit: (task) => afterCommit.push(task) });
      });
    } catch (error) {
      return this.#failed(job, error);
    }
    await this.#runAfterCommit(afterCommit, [job]);
    return 'done';
  }

  async #runAfterCommit(tasks: readonly (() => Promise<void>)[], jobs: readonly ClaimedJob[]): Promise<void> {
    for (const task of tasks) {
      try {
        await task();
      } catch (error) {
        const where = jobs.length === 1 ? { jobId: jobs[0]!.id } : { jobIds: jobs.map((j) => j.id) };
        this.log.error({ err: error, ...where, kind: jobs[0]?.kind }, "a job's after-commit task failed");
      }
    }
  }

  async #failed(job: ClaimedJob, error: unknown): Promise<'stale' | 'failed'> {
    if (error instanceof StaleClaim) return 'stale';
    if (error instanceof NotDueYet) {
      await this.#giveBack(job, job.dueAt, null);
      return 'stale';
    }
    this.log.warn({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, 'a job failed');
    const retryAt = this.clock.now() + this.options.retryDelayMs(job.attempts);
    await this.#giveBack(job, Math.max(job.dueAt, retryAt), String((error as Error)?.message ?? error));
    return 'failed';
  }

  async #giveBack(job: ClaimedJob, dueAt: number, lastError: string | null): Promise<void> {
    try {
      await repo.releaseJob(this.database.db, job, { dueAt, lastError, now: this.clock.now() });
    } catch (error) {
      // The claim stays; its lease ends and another pass takes the job again.
      this.log.error({ err: error, jobId: job.id }, 'a claimed job could not be given back');
    }
  }

  async #run(): Promise<void> {
    while (this.#isRunning) {
      this.#isWakeRequested = false;
      let waitMs: number;
      try {
        const pass = await this.runDue();
        if (pass.claimed >= this.options.batchSize) continue;
        const next = await repo.findNextDueAt(this.database.db);
        waitMs = next === null ? this.options.maxIdleMs : next - this.clock.now();
        // Due but not claimed: another process holds it (PostgreSQL) until its commit or lease end.
        if (waitMs <= 0 && pass.claimed === 0) waitMs = 50;
      } catch (error) {
        if (!this.#isRunning) break;
        this.log.error({ err: error }, 'the scheduler could not read the job queue');
        waitMs = this.options.maxIdleMs;
      }
      if (waitMs > 0) await this.#sleep(Math.min(waitMs, this.options.maxIdleMs));
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#isWakeRequested || !this.#isRunning) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
