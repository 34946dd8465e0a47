/**
 * Rhythms: each person's working pattern (IANA zone, weekly hours, exceptions), focus blocks, time off and
 * delivery preference, shared by all their workspaces; what others see of it (working / focus / off, never a
 * note); and what the delivery engine plans with.
 *
 * @example
 * const rhythms = new RhythmService(db);
 * rhythms.onRhythmChanged((personId) => replanHeldDeliveries(personId));
 * const profiles = await rhythms.deliveryProfiles(recipientIds);
 */
export { RhythmService, createDefaultRhythm } from './rhythm.service.js';
export type { AvailabilityView, DeliveryProfile, RhythmChangedListener } from './rhythm.service.js';
export { defaultSettings } from './rhythm.domain.js';
export type { DeliveryMode, DeliveryPreference, RhythmSettings, TimeOff } from './rhythm.domain.js';
export { registerRhythmRoutes } from './rhythm.routes.js';
/** The optional `timeZone` field of the sign-up forms. */
export { timeZoneField } from './rhythm.schema.js';
