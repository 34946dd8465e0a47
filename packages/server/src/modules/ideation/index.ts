/**
 * Ideation rounds: a prompt, a blind submission phase, a reveal at a fair time (the latest of each
 * participant's `addWorkingTime(present, openedAt, window)`), then dot-voting with a fixed number of dots.
 * Before the reveal each person sees only their own ideas; ideas are kept out of `posts`, so search, events,
 * digests and exports never carry them. Anonymous rounds never name an idea's author.
 *
 * @example
 * ```ts
 * const ideation = new IdeationService(db, clock, rhythms, agreements, scheduler, events, posts);
 * ideation.registerJobs();
 * ideation.decisions = decisionsModule; // optional: enables promotion into a decision
 * registerIdeationRoutes(app, ideation);
 * ```
 */
export { IdeationService, revealJobKind } from './ideation.service.js';
export type { DecisionOpener, OpenRound, ThreadStarter } from './ideation.service.js';
export { fairRevealAt, defaultDotsPerPerson } from './ideation.domain.js';
export { registerIdeationRoutes } from './ideation.routes.js';
