/**
 * Events: live updates for one person, stored in `events` and streamed as Server-Sent Events from
 * `GET /api/v1/events`. Modules publish through the {@link EventPublisher} interface of `shared/`
 * (implemented by {@link EventService}) in the transaction that made the change; across processes the
 * streams learn of new events through {@link EventSignals} (PostgreSQL LISTEN/NOTIFY, passed in by
 * buildApp), then read them from the database.
 *
 * @example
 * ```ts
 * await events.publish(tx, { workspaceId, personId, type: 'inbox.delivered', payload: { deliveryId } });
 * ```
 */
export { EventService, defaultEventLimits } from './event.service.js';
export type { EventLimits, EventSignals, RecipientLock } from './event.service.js';
export type { EventPublisher, EventToPublish } from '../../shared/event-publisher.js';
export { registerEventRoutes } from './event.routes.js';
export { defaultStreamOptions, formatEvent } from './event.stream.js';
export type { StreamOptions } from './event.stream.js';
