/**
 * Members: the people of a workspace as its admins manage them (list, change role, deactivate), over the
 * `people`, `workspaces`, `sessions` and `api-tokens` modules; every decision goes through `access`.
 */
export { registerMemberRoutes } from './members.routes.js';
export { changeRole, deactivateMember, listMembers, resetPassword } from './members.service.js';
export type { Member, MemberDeps } from './members.service.js';
