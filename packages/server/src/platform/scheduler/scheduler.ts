import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Clock } from '../../shared/clock.js';
import type { Database } from '../../shared/database.js';
import type { ClaimedJob, JobHandler, JobQueue, JobRequest } from '../../shared/job-queue.js';
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
  /** Jobs of a batch run at once: 1 on SQLite (one connection), 4 on PostgreSQL. */
  concurrency: number;
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

class StaleClaim extends Error {}
class NotDueYet extends Error {}

const silentLog: SchedulerLog = { warn: () => undefined, error: () => undefined };

function defaultOptions(dialect: DatabaseHandle['dialect']): SchedulerOptions {
  return {
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    leaseMs: 30_000,
    batchSize: 100,
    concurrency: dialect === 'postgres' ? 4 : 1,
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
 * is due.
 */
export class Scheduler implements JobQueue<Tx> {
  readonly options: SchedulerOptions;
  readonly #handlers = new Map<string, JobHandler<Tx>>();
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

  /** Runs claimed jobs, `concurrency` at a time; once stopping, gives the rest back. */
  async runClaimed(jobs: ClaimedJob[]): Promise<PassResult> {
    const result: PassResult = { claimed: jobs.length, done: 0, stale: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        if (this.#loop && !this.#isRunning) await this.#giveBack(job, job.dueAt, null);
        else result[await this.#runOne(job)] += 1;
      }
    };
    const lanes = Math.max(1, Math.min(this.options.concurrency, jobs.length));
    await Promise.all(Array.from({ length: lanes }, worker));
    return result;
  }

  async #runOne(job: ClaimedJob): Promise<'done' | 'stale' | 'failed'> {
    const handler = this.#handlers.get(job.kind);
    const afterCommit: (() => Promise<void>)[] = [];
    try {
      if (!handler) throw new Error(`No handler is registered for jobs of kind ${job.kind}.`);
      await this.database.db.transaction().execute(async (tx) => {
        const now = this.clock.now();
        // The clock stepped back since the claim: the job is not due any more.
        if (job.dueAt > now) throw new NotDueYet();
        if (!(await repo.completeJob(tx, job, now))) throw new StaleClaim();
        await handler(job, { tx, now, afterCommit: (task) => afterCommit.push(task) });
      });
    } catch (error) {
      return this.#failed(job, error);
    }
    for (const task of afterCommit) {
      try {
        await task();
      } catch (error) {
        this.log.error({ err: error, jobId: job.id, kind: job.kind }, "a job's after-commit task failed");
      }
    }
    return 'done';
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
