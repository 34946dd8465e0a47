/**
 * Threads: titled conversations in a channel, which people follow. Other modules use
 * {@link loadVisibleThread} before touching a thread's posts, and the repository functions re-exported
 * here to start a thread, move its activity and add followers inside their own transaction.
 */
export { ThreadService, loadVisibleThread, toThreadView } from './thread.service.js';
export type { ThreadView, VisibleThread } from './thread.service.js';
export { registerThreadRoutes } from './thread.routes.js';
export { threadSchema, threadTitle } from './thread.schema.js';
export { suggestTitle, maxThreadTitleLength } from './thread.domain.js';
export { insertThread, touchThread, addFollowers, listFollowerIds } from './thread.repository.js';
