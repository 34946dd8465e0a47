import type { Executor } from './decision.repository.js';

/** An open decision as a person's calendar feed shows it (modules/calendar): its question and close. */
export interface ClosingDecision {
  id: string;
  threadId: string;
  channelId: string;
  question: string;
  closesAt: number;
}

/**
 * The open decisions of one workspace that `personId` takes part in (as a required or optional
 * participant, or as the decider) closing in `[from, to)`, by close then id. Whether the person may still
 * see each thread is the caller's check.
 */
export async function listClosingDecisionsOf(
  db: Executor,
  scope: { workspaceId: string; personId: string; from: number; to: number },
): Promise<ClosingDecision[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .select(['d.id', 'd.threadId', 'd.channelId', 'd.question', 'd.closesAt'])
    .where('d.workspaceId', '=', scope.workspaceId)
    .where('d.state', '=', 'open')
    .where('d.closesAt', '>=', scope.from)
    .where('d.closesAt', '<', scope.to)
    .where((eb) =>
      eb.or([
        eb('d.deciderId', '=', scope.personId),
        eb.exists(
          eb
            .selectFrom('decisionParticipants as p')
            .select('p.personId')
            .whereRef('p.decisionId', '=', 'd.id')
            .where('p.personId', '=', scope.personId),
        ),
      ]),
    )
    .orderBy('d.closesAt')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({ ...r, closesAt: Number(r.closesAt) }));
}
