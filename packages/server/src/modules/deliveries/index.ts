/**
 * Deliveries: one post reaching one recipient, held until the recipient's next delivery slot, delivered
 * into their inbox by the scheduler, then done; asks with a due time in the recipient's working time and
 * one gentle reminder when overdue; interrupts spent from the sender's weekly budget; the inbox and
 * waiting on others; the landing preview of a draft and the landing of a sent post.
 *
 * Due times are counted in the recipient's working hours less time off: focus blocks count as working
 * time (PRODUCT.md: due is counted in the recipient's working time, and focus is working), time off
 * pauses the clock. A delivery is released only in a slot (working, not focus, not time off).
 *
 * @example
 * ```ts
 * const deliveries = new DeliveryService(db, clock, rhythms, agreements, scheduler, events);
 * deliveries.registerJobs();
 * rhythms.onRhythmChanged((personId) => deliveries.replan(personId));
 * const posts = new PostService(db, Date.now, deliveries); // posts plan their deliveries
 * ```
 */
export { DeliveryService, releaseJobKind, remindJobKind } from './delivery.service.js';
export type { DeliveredListener, Draft, DraftPlan } from './delivery.service.js';
export { InboxService, maxListed, maxSnoozeMs } from './delivery-inbox.service.js';
/** Re-counts the due times of a person's delivered open asks after their rhythm changed. */
export { AskDueReplanner, askDueChangedEvent } from './delivery-ask-due.service.js';
export type { MovedAskDue } from './delivery-ask-due.service.js';
export { budgetWeek, planRelease, askDueAt } from './delivery.domain.js';
export type { RecipientProfile } from './delivery.domain.js';
export { registerDeliveryRoutes } from './delivery.routes.js';
/** Check-in questions as inbox items (kind `checkin`), released with the person's other deliveries. */
export { CheckinDeliveries } from './delivery-checkin.js';
export type { CheckinDelivery, CheckinInboxView } from './delivery-checkin.js';
/** A person's open asks due in a time range, for their calendar feed (modules/calendar). */
export { listDueAsksOf } from './delivery-feed.repository.js';
export type { DueAsk } from './delivery-feed.repository.js';
