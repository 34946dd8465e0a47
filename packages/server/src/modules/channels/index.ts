/**
 * Channels: places for threads, public within a workspace or private to their members. Other modules use
 * {@link loadVisibleChannel} to check that a caller may see a channel before touching its threads.
 */
export {
  ChannelService,
  loadVisibleChannel,
  asVisibleChannel,
  listReadableChannelIds,
  listVisibleChannelMemberIds,
  assertPeopleCanSeeChannel,
  filterChannelReaders,
  toChannelView,
} from './channel.service.js';
export type { ChannelView, VisibleChannel } from './channel.service.js';
export { registerChannelRoutes } from './channel.routes.js';
// Kept for the modules that still import it from here; new code imports `shared/id-param.ts`.
export { idParam } from '../../shared/id-param.js';
export type { Executor } from './channel.repository.js';
