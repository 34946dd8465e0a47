import type { EventService } from '../../modules/events/index.js';
import { deleteDoneJobs } from './job.repository.js';
import type { Scheduler } from './scheduler.js';

/** The kind of the recurring clean-up job. */
export const housekeepingKind = 'platform.housekeeping';
const everyMs = 3_600_000;
/** How long finished jobs are kept (to see what ran, and when). */
export const doneJobRetentionMs = 7 * 86_400_000;

/**
 * Registers the hourly clean-up: events past their retention, finished jobs past theirs. Each run
 * schedules the next one in its own transaction, so exactly one stays pending across processes.
 */
export function registerHousekeeping(scheduler: Scheduler, events: EventService): void {
  scheduler.handle(housekeepingKind, async (_job, { tx, now }) => {
    await events.prune(tx, now);
    await deleteDoneJobs(tx, now - doneJobRetentionMs);
    await scheduler.schedule(tx, housekeepingRequest(now + everyMs));
  });
}

/** The housekeeping job due at `dueAt`. */
export function housekeepingRequest(dueAt: number) {
  return { kind: housekeepingKind, subjectId: 'all', workspaceId: null, dueAt };
}
