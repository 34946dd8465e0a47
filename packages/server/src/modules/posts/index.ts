/**
 * Posts: markdown messages in threads, rendered to safe HTML on the server, with mentions, reactions,
 * lineage (`buildsOn` / `builtOnBy`), an edit history and tombstones. Starting a thread (title and first
 * post together) lives here too, so that a thread never exists without its first post.
 */
export { PostService } from './post.service.js';
export type { PostInput, PostEdit } from './post.service.js';
export type { PostView, PostVersionView } from './post-view.js';
/** Server-side markdown rendering, also used for previews. */
export { renderMarkdown, isAllowedHref, maxRenderLength } from './post.markdown.js';
export { maxPostLength, reactionEmoji } from './post.domain.js';
export { registerPostRoutes } from './post.routes.js';
