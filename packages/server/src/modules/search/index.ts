/**
 * Search: full-text search over thread titles and posts, limited to what the caller may read, with
 * highlights as text ranges and escaped HTML. The dialect-specific part is a {@link FullTextSearch} that
 * `buildApp` passes in (platform/db/full-text.ts).
 */
export { SearchService } from './search.service.js';
export type { SearchHit, SearchQuery } from './search.service.js';
export type { FullTextSearch, SearchFilter, SearchRow } from './search.repository.js';
export { markEnd, markStart, parseHighlight, parseSearchTerms } from './search.domain.js';
export { registerSearchRoutes } from './search.routes.js';
