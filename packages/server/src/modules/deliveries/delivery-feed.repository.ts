import type { Executor } from './delivery.repository.js';

/** An open ask as a person's calendar feed shows it (modules/calendar): where it is and when it is due. */
export interface DueAsk {
  id: string;
  threadId: string;
  channelId: string;
  dueAt: number;
}

/**
 * The open asks addressed to `personId` in one workspace whose reply is due in `[from, to)`, by due time
 * then id. Only asks with a due time: it is known once the post was delivered to them (so never one still
 * held), and never for `fyi`. Whether the person may still see each thread is the caller's check.
 */
export async function listDueAsksOf(
  db: Executor,
  scope: { workspaceId: string; personId: string; from: number; to: number },
): Promise<DueAsk[]> {
  const rows = await db
    .selectFrom('asks')
    .select(['id', 'threadId', 'channelId', 'dueAt'])
    .where('workspaceId', '=', scope.workspaceId)
    .where('personId', '=', scope.personId)
    .where('state', '=', 'open')
    .where('dueAt', '>=', scope.from)
    .where('dueAt', '<', scope.to)
    .orderBy('dueAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, dueAt: Number(r.dueAt) }));
}
