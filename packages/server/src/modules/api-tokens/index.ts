/**
 * Personal API tokens: `mw_…` bearer secrets for the CLI and bots, shown once, stored as sha256, scoped
 * `read` or `read-write`, revocable, with a last-used time recorded at most once a minute.
 */
export { registerApiTokenRoutes } from './api-tokens.routes.js';
/** Revokes every token of a person (deactivation). */
export { revokeApiTokensOf } from './api-tokens.repository.js';
/** Token creation and the token-to-caller check used on every bearer request. */
export { apiTokenPrefix, authenticateApiToken, createApiToken } from './api-tokens.service.js';
export type { ApiTokenDeps } from './api-tokens.service.js';
