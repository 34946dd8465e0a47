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
/** What `DecisionService.openFromIdea` (the ideation module's promotion hook) takes. */
export type { IdeaForDecision } from './decision-from-idea.js';
export { fairClose, decideOutcome } from './decision.domain.js';
export { registerDecisionRoutes } from './decision.routes.js';
/** Moves the 75% reminders not yet sent after a participant's rhythm changed (the close never moves). */
export { DecisionReminderReplanner } from './decision-reminder-replan.js';
export type { MovedDecisionReminder } from './decision-reminder-replan.js';
/** The open decisions a person takes part in closing in a time range, for their calendar feed. */
export { listClosingDecisionsOf } from './decision-feed.repository.js';
export type { ClosingDecision } from './decision-feed.repository.js';
