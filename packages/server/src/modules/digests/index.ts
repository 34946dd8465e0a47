/**
 * Digests: at each of a person's digest times (the agreement's `digestTimes`, local to the person, moved to
 * the next start of work when outside working hours), one e-mail summarising what was delivered to them
 * in a workspace since their last digest, with the closed check-in rounds of their check-ins (team figures
 * and blockers only) and the decisions they took part in closed since then; exactly one per person, workspace and slot whatever the number
 * of processes or retries; a one-click unsubscribe link (RFC 8058) and a per-person opt-out.
 *
 * @example
 * ```ts
 * const digests = new DigestService(db, clock, rhythms, agreements, scheduler, { mailer, publicUrl });
 * digests.registerJobs();
 * deliveries.onDelivered((tx, delivered) => digests.scheduleFor(tx, delivered));
 * checkins.onRoundClosed((tx, r) => digests.scheduleFor(tx, r.personIds.map((personId) => ({ … }))));
 * registerDigestRoutes(app, digests);
 * ```
 */
export { DigestService, digestJobKind, interruptedAfterMs } from './digest.service.js';
export type { DeliveredTo } from './digest.service.js';
export { composeDigest, neutralize, nextDigestSlot } from './digest.domain.js';
export { registerDigestRoutes } from './digest.routes.js';
