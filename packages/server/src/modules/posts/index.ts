/**
 * Posts: markdown messages in threads, rendered to safe HTML on the server, with mentions, reactions,
 * lineage (`buildsOn` / `builtOnBy`), an edit history and tombstones. Starting a thread (title and first
 * post together) lives here too, so that a thread never exists without its first post.
 */
export { PostService, loadVisiblePost } from './post.service.js';
/** Whole-channel mentions (`@channel`, `@all`): who they reach, where the agreement allows them. */
export { findChannelMentionRecipients } from './post-channel-mention.js';
export type { PostInput, PostEdit, WrittenPost } from './post.service.js';
/** Asks and interrupts of a new post's body (the landing preview takes the same). */
export { asksField, interruptField, postSchema } from './post.schema.js';
export type { PostView, PostVersionView } from './post-view.js';
/** Server-side markdown rendering, also used for previews. */
export { renderMarkdown, isAllowedHref, maxRenderLength } from './post.markdown.js';
export { maxMentions, maxPostLength, reactionEmoji } from './post.domain.js';
export { registerPostRoutes } from './post.routes.js';
export { ThreadPageCache, ThreadPageReader } from './post-page.js';
