import { sql } from 'kysely';
import type { Scheduler } from './scheduler.js';

/** The kind of the test-only job (registered only in test mode). */
export const testProbeKind = 'test.probe';

/**
 * Registers the test-only job kind: each run inserts a row into `test_job_runs` (job id, due time, run
 * time by the server clock, worker), a table the crash tests create themselves, so that they can tell
 * that every job ran exactly once and none before its time. Handled in batches (one insert for the jobs
 * of a transaction), so that the crash tests kill servers in the middle of batched releases. Never
 * registered outside test mode.
 */
export function registerTestProbeJob(scheduler: Scheduler): void {
  scheduler.handleBatch(testProbeKind, async (jobs, { tx, now }) => {
    const rows = jobs.map((job) => sql`(${job.id}, ${job.dueAt}, ${now}, ${scheduler.options.workerId})`);
    await sql`insert into test_job_runs (job_id, due_at, ran_at, worker_id)
      values ${sql.join(rows)}`.execute(tx);
  });
}
