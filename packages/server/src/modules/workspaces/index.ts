/**
 * Workspaces and memberships: the tenants, and who belongs to each with which role (owner, admin, member,
 * guest). Authorization over roles is decided by `access`, never here.
 */
/** Reads and writes of `workspaces` and `memberships`, for services of other modules. */
export {
  countActiveOwners,
  deactivateMembership,
  findMembership,
  findWorkspace,
  hasAnyWorkspace,
  listActiveMembershipsOfPerson,
  listMemberships,
  listWorkspaces,
  updateRole,
} from './workspaces.repository.js';
export type { WorkspaceSummary } from './workspaces.repository.js';
/** Creates a workspace with its owner, or adds a member. */
export { addMember, createWorkspaceWithOwner } from './workspaces.service.js';
