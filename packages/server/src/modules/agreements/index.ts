/**
 * Agreements: each workspace's working agreement (reply windows per ask level, the weekly interruption
 * budget, who may send emergencies, channel mentions, digest times, meeting notice, decision window, sync
 * windows), kept as versions with author, time and reason, readable as the "How we work" document; and the
 * reply windows a channel overrides.
 *
 * @example
 * const agreements = new AgreementService(db);
 * const { replyWindows } = await agreements.currentAgreement(workspaceId, channelId);
 * addWorkingTime(recipientRhythm, deliveredAt, replyWindows.today * 3_600_000); // a `today` ask's due time
 */
export { AgreementService, areChannelMentionsAllowed } from './agreement.service.js';
export type { AgreementVersionView, ChannelAgreementView } from './agreement.service.js';
export { defaultAgreement, replyLevels } from './agreement.domain.js';
export type {
  Agreement,
  MeetingDay,
  ReplyLevel,
  ReplyWindowOverrides,
  ReplyWindows,
  SyncWindow,
} from './agreement.domain.js';
export { registerAgreementRoutes } from './agreement.routes.js';
