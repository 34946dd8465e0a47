/**
 * Meetings (PRODUCT.md "Sync time"): a request names invitees, a duration and an agenda thread, lies inside
 * a sync window of the agreement (or carries a written reason), and gives each invitee the agreement's
 * notice counted in that invitee's working time; else it is refused with the earliest allowed start.
 * Requests, moves and cancellations are posted into the agenda thread and so reach invitees through the
 * delivery engine; changes inside the notice are marked late and counted for the team's insights.
 *
 * @example
 * ```ts
 * const meetings = new MeetingService(db, clock, rhythms, agreements, posts, scheduler, events);
 * meetings.registerJobs();
 * registerMeetingRoutes(app, meetings);
 * ```
 */
export { MeetingService, notesPromptJobKind } from './meeting.service.js';
export type { MeetingRequest, MeetingView } from './meeting.service.js';
export { checkNotice, isInsideSyncTime, isLateChange } from './meeting.domain.js';
export type { DayRule, InviteeNotice, NoticeCheck, WindowRule } from './meeting.domain.js';
export { registerMeetingRoutes } from './meeting.routes.js';
