/**
 * Scratch threads (issue 6): off-the-record threads seen only by their participants, deleted with
 * everything they hold at expiry (a scheduler job) unless promoted into their home channel.
 */
export { ScratchService, expireJobKind } from './scratch.service.js';
export type { NewScratchThread, ScratchView } from './scratch.service.js';
export { registerScratchRoutes } from './scratch.routes.js';
export { scratchDays, maxScratchParticipants } from './scratch.domain.js';
