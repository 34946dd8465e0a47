/**
 * Calendar: each person's private iCalendar feed per workspace (sync windows, meetings, focus blocks, time
 * off, and what other modules add as {@link FeedSource}s: due asks, decision closes), reached by
 * `/calendar/<workspace>/<token>.ics` with a 256-bit token stored as its SHA-256 and rotatable; and the
 * import of busy times from a calendar URL a person gives, fetched with the outgoing-URL protections.
 *
 * @example
 * ```ts
 * const calendar = new CalendarService(db, clock, rhythms, agreements, meetings, createSafeFetch());
 * registerCalendarRoutes(app, calendar);
 * ```
 */
export { CalendarService } from './calendar.service.js';
export type { BusyImportView, FeedSource, FeedView } from './calendar.service.js';
export type { FeedEvent } from './calendar.feed.js';
export { registerCalendarRoutes } from './calendar.routes.js';
/** The feed's due asks and decision closes, read through the deliveries and decisions modules. */
export { decisionCloseFeedSource, dueAskFeedSource } from './calendar-sources.js';
