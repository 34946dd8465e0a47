import type { MembershipRow, Role, WorkspaceRow } from '../../shared/database.js';
import { newId } from '../../shared/new-id.js';
import type { Executor } from '../people/index.js';
import { insertMembership, insertWorkspace } from './workspaces.repository.js';

/** Creates a workspace with its first owner. */
export async function createWorkspaceWithOwner(
  db: Executor,
  name: string,
  ownerId: string,
  now: number,
): Promise<WorkspaceRow> {
  const workspace: WorkspaceRow = { id: newId(now), name, createdAt: now };
  await insertWorkspace(db, workspace);
  await addMember(db, workspace.id, ownerId, 'owner', now);
  return workspace;
}

/** Adds a person to a workspace with a role. */
export async function addMember(
  db: Executor,
  workspaceId: string,
  personId: string,
  role: Role,
  now: number,
): Promise<MembershipRow> {
  const membership: MembershipRow = { workspaceId, personId, role, createdAt: now, deactivatedAt: null };
  await insertMembership(db, membership);
  return membership;
}
