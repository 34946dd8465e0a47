import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../shared/clock.js';
import type { TestClock } from '../../shared/clock.js';
import type { ClaimedJob } from '../../shared/job-queue.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { Scheduler } from './scheduler.js';

const start = Date.UTC(2027, 2, 1, 9, 0, 0);
const minute = 60_000;
const hour = 60 * minute;

/** Waits for I/O only (a few milliseconds of real time), never for the schedule. */
const settle = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await settle(5);
  }
}

describeEachDialect('the scheduler', (ctx) => {
  let clock: TestClock;
  let runs: { id: string; subjectId: string; dueAt: number; now: number; worker: string }[];
  const schedulers: Scheduler[] = [];

  function newScheduler(workerId: string, options: Partial<Scheduler['options']> = {}) {
    const scheduler = new Scheduler(ctx.database(), clock, { workerId, leaseMs: 30_000, ...options });
    scheduler.handle('test.record', async (job, { now }) => {
      runs.push({ id: job.id, subjectId: job.subjectId, dueAt: job.dueAt, now, worker: workerId });
    });
    scheduler.handle('test.fail', async () => {
      throw new Error('the subject is not ready');
    });
    schedulers.push(scheduler);
    return scheduler;
  }

  async function scheduleAt(scheduler: Scheduler, subjectId: string, dueAt: number, kind = 'test.record') {
    return scheduler.schedule(ctx.database().db, { kind, subjectId, workspaceId: null, dueAt });
  }

  const jobRow = (id: string) =>
    ctx.database().db.selectFrom('scheduledJobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    clock = createTestClock({ start });
    runs = [];
    await ctx.database().db.deleteFrom('scheduledJobs').execute();
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
  });

  it('runs every job once, at or after its due time and never before', async () => {
    const scheduler = newScheduler('w1');
    for (let i = 1; i <= 5; i++) await scheduleAt(scheduler, `s${i}`, start + i * minute);
    expect((await scheduler.runDue()).claimed).toBe(0);
    clock.advance(2.5 * minute);
    expect(await scheduler.runDue()).toEqual({ claimed: 2, done: 2, stale: 0, failed: 0 });
    expect(runs.map((r) => r.subjectId).sort()).toEqual(['s1', 's2']);
    clock.advance(10 * minute);
    await scheduler.runDue();
    expect((await scheduler.runDue()).claimed).toBe(0);
    expect(runs.map((r) => r.subjectId).sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
    for (const run of runs) expect(run.now).toBeGreaterThanOrEqual(run.dueAt);
    const row = await jobRow(runs.find((r) => r.subjectId === 's1')!.id);
    expect(row).toMatchObject({ state: 'done', attempts: 1, doneAt: start + 2.5 * minute });
  });

  it('moves a pending job when the same subject is scheduled again; reschedules and cancels', async () => {
    const scheduler = newScheduler('w1');
    const first = await scheduleAt(scheduler, 'a', start + hour);
    expect(await scheduleAt(scheduler, 'a', start + minute)).toBe(first);
    const db = ctx.database().db;
    expect(
      await scheduler.reschedule(db, { kind: 'test.record', subjectId: 'a', dueAt: start + 2 * minute }),
    ).toBe(true);
    await scheduleAt(scheduler, 'b', start + minute);
    expect(await scheduler.cancel(db, { kind: 'test.record', subjectId: 'b' })).toBe(true);
    expect(await scheduler.cancel(db, { kind: 'test.record', subjectId: 'b' })).toBe(false);
    clock.advance(90_000);
    expect((await scheduler.runDue()).claimed).toBe(0);
    clock.advance(30_000);
    await scheduler.runDue();
    expect(runs.map((r) => [r.subjectId, r.dueAt])).toEqual([['a', start + 2 * minute]]);
  });

  it('wakes its loop for a job scheduled earlier than the one it sleeps until', async () => {
    const scheduler = newScheduler('w1', { maxIdleMs: 60_000 });
    await scheduleAt(scheduler, 'later', start + hour);
    scheduler.start();
    await settle(50); // the loop is asleep until the cap (a minute of real time) or a wake-up
    await scheduleAt(scheduler, 'now', start);
    await waitFor(() => runs.length === 1);
    expect(runs[0]!.subjectId).toBe('now');
  });

  it('wakes its loop when the clock is moved', async () => {
    const scheduler = newScheduler('w1', { maxIdleMs: 60_000 });
    clock.onChange(() => scheduler.wake());
    await scheduleAt(scheduler, 'soon', start + 10 * minute);
    scheduler.start();
    await settle(50);
    expect(runs).toEqual([]);
    clock.advance(10 * minute);
    await waitFor(() => runs.length === 1);
    expect(runs[0]!.now).toBe(start + 10 * minute);
  });

  it('lets another worker take over a job whose lease ran out; the stale worker changes nothing', async () => {
    const a = newScheduler('a');
    const b = newScheduler('b');
    const id = await scheduleAt(a, 'x', start);
    const claimedByA: ClaimedJob[] = await a.claimBatch();
    expect(claimedByA.map((j) => j.id)).toEqual([id]);
    // Within the lease nobody else gets it.
    clock.advance(29_000);
    expect((await b.runDue()).claimed).toBe(0);
    clock.advance(2_000);
    expect(await b.runDue()).toEqual({ claimed: 1, done: 1, stale: 0, failed: 0 });
    // A wakes up (a GC pause, SIGSTOP) and runs its claim: fenced off.
    expect(await a.runClaimed(claimedByA)).toEqual({ claimed: 1, done: 0, stale: 1, failed: 0 });
    expect(runs.map((r) => r.worker)).toEqual(['b']);
    expect(await jobRow(id)).toMatchObject({ state: 'done', attempts: 2, claimedBy: 'b', fencingToken: 2 });
  });

  it('runs a failed job again after a backoff, keeping the error', async () => {
    const scheduler = newScheduler('w1', { retryDelayMs: () => 10 * minute });
    const id = await scheduleAt(scheduler, 'f', start, 'test.fail');
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await jobRow(id)).toMatchObject({
      state: 'pending',
      dueAt: start + 10 * minute,
      lastError: 'the subject is not ready',
      claimedBy: null,
    });
    clock.advance(9 * minute);
    expect((await scheduler.runDue()).claimed).toBe(0);
    clock.advance(minute);
    expect(await scheduler.runDue()).toMatchObject({ claimed: 1, failed: 1 });
  });

  it('releases after a clock step of +1 h only what is due by then, and nothing after a step back', async () => {
    const scheduler = newScheduler('w1');
    const offsets = [minute, 30 * minute, 59 * minute, 61 * minute, 90 * minute, 3 * hour];
    for (const [i, offset] of offsets.entries()) await scheduleAt(scheduler, `j${i}`, start + offset);
    clock.advance(hour);
    await scheduler.runDue();
    expect(runs.map((r) => r.subjectId).sort()).toEqual(['j0', 'j1', 'j2']);
    clock.advance(-hour);
    clock.advance(-hour);
    expect((await scheduler.runDue()).claimed).toBe(0);
    clock.set(start + 61 * minute);
    await scheduler.runDue();
    expect(runs.map((r) => r.subjectId).sort()).toEqual(['j0', 'j1', 'j2', 'j3']);
    for (const run of runs) expect(run.now).toBeGreaterThanOrEqual(run.dueAt);
  });

  it('does not run a job claimed before the clock stepped back until it is due again', async () => {
    const a = newScheduler('a');
    await scheduleAt(a, 'x', start + minute);
    clock.advance(minute);
    const claimed = await a.claimBatch();
    clock.advance(-hour);
    expect(await a.runClaimed(claimed)).toMatchObject({ done: 0, stale: 1 });
    expect(runs).toEqual([]);
    clock.set(start + minute);
    expect(await a.runDue()).toMatchObject({ claimed: 1, done: 1 });
  });

  describe('kinds handled in batches', () => {
    /** Each call of the batch handler: its transaction's jobs, recorded only once that transaction commits. */
    let committed: string[][];

    function newBatchScheduler(workerId: string, options: Partial<Scheduler['options']> = {}) {
      const scheduler = newScheduler(workerId, options);
      scheduler.handleBatch('test.batch', async (jobs, { afterCommit }) => {
        if (jobs.some((j) => j.subjectId === 'poison')) throw new Error('poisoned');
        const subjects = jobs.map((j) => j.subjectId);
        afterCommit(async () => void committed.push(subjects));
      });
      return scheduler;
    }
    const scheduleBatchJobs = async (scheduler: Scheduler, subjects: string[], dueAt = start) => {
      const ids: string[] = [];
      for (const subject of subjects) ids.push(await scheduleAt(scheduler, subject, dueAt, 'test.batch'));
      return ids;
    };
    const sorted = (lists: string[][]) => lists.flat().sort();

    beforeEach(() => {
      committed = [];
    });

    it('runs due jobs several to a transaction, at most jobsPerTransaction each, every job once', async () => {
      const scheduler = newBatchScheduler('w1', { concurrency: 1, jobsPerTransaction: 4 });
      const subjects = Array.from({ length: 10 }, (_, i) => `r${String(i).padStart(2, '0')}`);
      const ids = await scheduleBatchJobs(scheduler, subjects, start + minute);
      expect((await scheduler.runDue()).claimed).toBe(0);
      clock.advance(minute);
      expect(await scheduler.runDue()).toEqual({ claimed: 10, done: 10, stale: 0, failed: 0 });
      expect(committed.map((c) => c.length)).toEqual([4, 4, 2]);
      expect(sorted(committed)).toEqual(subjects);
      expect((await scheduler.runDue()).claimed).toBe(0);
      for (const id of ids)
        expect(await jobRow(id)).toMatchObject({ state: 'done', attempts: 1, doneAt: start + minute });
    });

    it('spreads a claimed batch over the concurrent transactions', async () => {
      const scheduler = newBatchScheduler('w1', { concurrency: 3, jobsPerTransaction: 25 });
      await scheduleBatchJobs(scheduler, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
      expect(await scheduler.runDue()).toMatchObject({ claimed: 9, done: 9 });
      expect(committed.map((c) => c.length)).toEqual([3, 3, 3]);
      expect(sorted(committed)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    });

    it('retries a failing job alone: the rest of its batch is done once, the failing one backs off', async () => {
      const scheduler = newBatchScheduler('w1', { concurrency: 1, retryDelayMs: () => 10 * minute });
      const [, poisonId] = await scheduleBatchJobs(scheduler, ['a', 'poison', 'b', 'c']);
      expect(await scheduler.runDue()).toEqual({ claimed: 4, done: 3, stale: 0, failed: 1 });
      // The batch rolled back, then each job ran in its own transaction.
      expect(committed).toEqual([['a'], ['b'], ['c']]);
      expect(await jobRow(poisonId!)).toMatchObject({
        state: 'pending',
        dueAt: start + 10 * minute,
        lastError: 'poisoned',
        attempts: 1,
      });
      await scheduleBatchJobs(scheduler, ['d', 'e']);
      clock.advance(10 * minute);
      expect(await scheduler.runDue()).toEqual({ claimed: 3, done: 2, stale: 0, failed: 1 });
      expect(sorted(committed)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await jobRow(poisonId!)).toMatchObject({ state: 'pending', attempts: 2 });
    });

    it('leaves out of a batch the jobs another worker took over; the stale worker changes nothing of them', async () => {
      const a = newBatchScheduler('a', { concurrency: 1 });
      const b = newBatchScheduler('b', { concurrency: 1, batchSize: 1 });
      const [xId] = await scheduleBatchJobs(a, ['x'], start - 1);
      await scheduleBatchJobs(a, ['y', 'z']);
      const claimedByA = await a.claimBatch();
      expect(claimedByA).toHaveLength(3);
      clock.advance(31_000);
      expect(await b.runDue()).toEqual({ claimed: 1, done: 1, stale: 0, failed: 0 });
      expect(committed).toEqual([['x']]);
      // A's claims of y and z are still current (nobody took them); its claim of x is not.
      expect(await a.runClaimed(claimedByA)).toEqual({ claimed: 3, done: 2, stale: 1, failed: 0 });
      expect(committed).toEqual([['x'], ['y', 'z']]);
      expect(await jobRow(xId!)).toMatchObject({ state: 'done', claimedBy: 'b', fencingToken: 2 });
    });

    it('gives back the jobs of a batch that are not due after the clock stepped back', async () => {
      const scheduler = newBatchScheduler('w1', { concurrency: 1 });
      await scheduleBatchJobs(scheduler, ['early'], start);
      await scheduleBatchJobs(scheduler, ['late1', 'late2'], start + 10 * minute);
      clock.advance(10 * minute);
      const claimed = await scheduler.claimBatch();
      clock.set(start + 5 * minute);
      expect(await scheduler.runClaimed(claimed)).toEqual({ claimed: 3, done: 1, stale: 2, failed: 0 });
      expect(committed).toEqual([['early']]);
      clock.set(start + 10 * minute);
      expect(await scheduler.runDue()).toMatchObject({ claimed: 2, done: 2 });
      expect(sorted(committed)).toEqual(['early', 'late1', 'late2']);
    });
  });

  it.runIf(ctx.dialect === 'postgres')('lets 3 workers claim disjoint batches of one queue', async () => {
    const workers = ['w1', 'w2', 'w3'].map((w) => newScheduler(w, { batchSize: 20 }));
    const db = ctx.database().db;
    const total = 600;
    await db
      .insertInto('scheduledJobs')
      .values(
        Array.from({ length: total }, (_, i) => ({
          id: `job-${String(i).padStart(4, '0')}`,
          kind: 'test.record',
          subjectId: `s${i}`,
          workspaceId: null,
          dueAt: start - i,
          state: 'pending' as const,
          claimedBy: null,
          leaseUntil: null,
          fencingToken: 0,
          attempts: 0,
          lastError: null,
          createdAt: start,
          doneAt: null,
        })),
      )
      .execute();
    const claims = new Map<string, string[]>();
    await Promise.all(
      workers.map(async (worker) => {
        const mine: string[] = [];
        claims.set(worker.options.workerId, mine);
        for (;;) {
          const batch = await worker.claimBatch();
          if (batch.length === 0) break;
          mine.push(...batch.map((j) => j.id));
          await worker.runClaimed(batch);
        }
      }),
    );
    const all = [...claims.values()].flat();
    expect(all.length).toBe(total);
    expect(new Set(all).size).toBe(total);
    for (const mine of claims.values()) expect(mine.length).toBeGreaterThan(0);
    expect(runs.length).toBe(total);
    expect(new Set(runs.map((r) => r.id)).size).toBe(total);
  });
});
