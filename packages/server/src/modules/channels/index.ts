/**
 * Channels: places for threads, public within a workspace or private to their members. Other modules use
 * {@link loadVisibleChannel} to check that a caller may see a channel before touching its threads.
 */
export {
  ChannelService,
  loadVisibleChannel,
  listReadableChannelIds,
  assertPeopleCanSeeChannel,
  toChannelView,
} from './channel.service.js';
export type { ChannelView, VisibleChannel } from './channel.service.js';
export { registerChannelRoutes } from './channel.routes.js';
export { idParam } from './channel.schema.js';
export type { Executor } from './channel.repository.js';
