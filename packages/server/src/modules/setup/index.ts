/**
 * Setup: the first owner. While no workspace exists, each server start makes a one-time setup link
 * (24 h); `POST /api/v1/setup` with it, or `meanwhile admin create-owner`, creates the owner and workspace.
 */
export { registerSetupRoutes } from './setup.routes.js';
export { completeSetup, createOwner, prepareSetup, setupTokenLifetimeMs } from './setup.service.js';
export type { OwnerInput, SetupDeps } from './setup.service.js';
