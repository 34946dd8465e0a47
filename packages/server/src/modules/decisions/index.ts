/**
 * Decisions: a question in a thread (consent, or a vote between options) with a decider, required and
 * optional participants, and a fair close: the latest of `addWorkingTime(present_i, openedAt, window)`
 * over the required participants (working hours less time off; focus blocks count, as for ask due
 * times), or a later explicit deadline. Opening posts into the thread mentioning the participants (the
 * delivery engine brings it in each one's slot); each required participant who has not responded gets one
 * `reminder` delivery at 75% of their own window; the close job posts the outcome and the decision joins
 * the log (listable, searchable, exportable as CSV and markdown).
 *
 * @example
 * ```ts
 * const decisions = new DecisionService(db, clock, rhythms, agreements, posts, deliveries, scheduler);
 * decisions.registerJobs();
 * registerDecisionRoutes(app, decisions);
 * ```
 */
export { DecisionService, closeJobKind, remindJobKind } from './decision.service.js';
export type { OpenDecision, ResponseInput } from './decision.service.js';
export { fairClose, decideOutcome } from './decision.domain.js';
export { registerDecisionRoutes } from './decision.routes.js';
