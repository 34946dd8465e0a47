/**
 * Check-ins: recurring questions asked of each participant at a local time of their own day on chosen
 * weekdays (DST by the compatible rule), skipped on time off and on days without working hours, each
 * exactly once per (check-in, person, local date), landing in the person's next delivery slot (never an
 * interrupt). Each round's answers are posted into the check-in's thread when it closes, blockers first,
 * with team figures only ("7 of 9 answered").
 *
 * @example
 * ```ts
 * const checkins = new CheckinService(db, clock, rhythms, scheduler, events, posts);
 * checkins.registerJobs();
 * registerCheckinRoutes(app, checkins);
 * ```
 */
export { CheckinService, askJobKind, closeJobKind, deliverJobKind } from './checkin.service.js';
export type { CheckinInbox, OpenCheckin, RoundClosedListener, ThreadPoster } from './checkin.service.js';
export { nextAskAt, isAskDay, roundBlockers, roundCloseAt, summarizeRound } from './checkin.domain.js';
export type { CheckinQuestion } from './checkin.domain.js';
export { registerCheckinRoutes } from './checkin.routes.js';
