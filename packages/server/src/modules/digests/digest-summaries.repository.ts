import type { Executor } from './digest.repository.js';

// Like the other digest reads, these join other modules' tables (check-ins, decisions) read-only, for the
// one summary that spans them (STYLE.md §6 exception, as in digest.repository.ts).

/** How many closed rounds and decisions one digest lists at most (each). */
export const maxDigestSummaries = 20;

/**
 * The check-in rounds closed in `[from, to)` of check-ins in the workspace that the person takes part in,
 * with their team figures and the answers given (without who gave them), oldest first.
 */
export async function listClosedRounds(
  db: Executor,
  key: { workspaceId: string; personId: string },
  from: number,
  to: number,
) {
  const rounds = await db
    .selectFrom('checkinRounds as r')
    .innerJoin('checkins as c', 'c.id', 'r.checkinId')
    .innerJoin('checkinParticipants as p', (j) =>
      j.onRef('p.checkinId', '=', 'r.checkinId').on('p.personId', '=', key.personId),
    )
    .select(['r.checkinId', 'r.localDate', 'r.asked', 'r.answered', 'r.closedAt', 'c.title', 'c.questions'])
    .where('c.workspaceId', '=', key.workspaceId)
    .where('r.closedAt', '>=', from)
    .where('r.closedAt', '<', to)
    .where('r.asked', '>', 0)
    .orderBy('r.closedAt')
    .orderBy('r.checkinId')
    .limit(maxDigestSummaries)
    .execute();
  if (rounds.length === 0) return [];
  const answered = await db
    .selectFrom('checkinAsks')
    .select(['checkinId', 'localDate', 'answers'])
    .where('checkinId', 'in', [...new Set(rounds.map((r) => r.checkinId))])
    .where('localDate', 'in', [...new Set(rounds.map((r) => r.localDate))])
    .where('state', '=', 'answered')
    .orderBy('id')
    .execute();
  return rounds.map((r) => ({
    ...r,
    answers: answered
      .filter((a) => a.checkinId === r.checkinId && a.localDate === r.localDate)
      .map((a) => JSON.parse(a.answers ?? '[]') as string[]),
  }));
}

/** The decisions in the workspace closed in `[from, to)` that the person took part in, oldest first. */
export function listClosedDecisions(
  db: Executor,
  key: { workspaceId: string; personId: string },
  from: number,
  to: number,
) {
  return db
    .selectFrom('decisions as d')
    .innerJoin('decisionParticipants as p', (j) =>
      j.onRef('p.decisionId', '=', 'd.id').on('p.personId', '=', key.personId),
    )
    .select(['d.id', 'd.threadId', 'd.question', 'd.outcome', 'd.options', 'd.chosenOption', 'd.closedAt'])
    .where('d.workspaceId', '=', key.workspaceId)
    .where('d.state', '=', 'closed')
    .where('d.closedAt', '>=', from)
    .where('d.closedAt', '<', to)
    .orderBy('d.closedAt')
    .orderBy('d.id')
    .limit(maxDigestSummaries)
    .execute();
}
