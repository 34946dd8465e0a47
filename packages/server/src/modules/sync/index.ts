/**
 * Sync time: candidate sync windows from `overlap` of a team's rhythms over the next four weeks (ranked by
 * head count and humaneness, naming who is left out, with weekly patterns), and notices when a person's
 * rhythm no longer covers a window the agreement fixed. The windows are fixed in the agreement.
 *
 * @example
 * ```ts
 * const sync = new SyncService(db, clock, rhythms, agreements, events);
 * rhythms.onRhythmChanged((personId) => sync.notifyUncovered(personId));
 * registerSyncRoutes(app, sync);
 * ```
 */
export { SyncService, candidateHorizonMs } from './sync.service.js';
export type { CandidatesView, PersonRef } from './sync.service.js';
export { candidateWindows } from './sync.domain.js';
export type { CandidateOptions, CandidateWindow, SyncPerson, WeeklyPattern } from './sync.domain.js';
export { uncoveredWindows, windowOccurrences } from './sync-coverage.js';
export type { WeeklyWindow } from './sync-coverage.js';
export { registerSyncRoutes } from './sync.routes.js';
