// Decisions written as rows, for the authorization matrix and the bad-input tests: a fresh one per call,
// in the private thread, decided by the owner, closing far in the future (no jobs: nothing runs them).
import type { DatabaseHandle } from '../src/platform/db/open-database.js';
import { newId } from '../src/shared/new-id.js';

/** What the made decision looks like. */
export interface DecisionFixture {
  /** Required participants. */
  participantIds: string[];
  mode?: 'consent' | 'vote';
  /** Closed: adopted (consent) or the first option chosen (vote), closed now, so that the log lists it. */
  state?: 'open' | 'awaiting_tiebreak' | 'closed';
  /** The question; "A matrix decision" when absent. */
  question?: string;
  /** Every participant's response, already given. */
  responses?: 'consent' | 'block' | 'tie';
}

/** Inserts a decision in `threadId` (opened with `postId`) decided by `deciderId`; returns its id. */
export async function insertDecisionRows(
  database: DatabaseHandle,
  where: { workspaceId: string; channelId: string; threadId: string; postId: string; deciderId: string },
  fixture: DecisionFixture,
): Promise<string> {
  const now = Date.now();
  const id = newId(now);
  const mode = fixture.mode ?? (fixture.responses === 'tie' ? 'vote' : 'consent');
  const far = now + 365 * 86_400_000;
  const isClosed = fixture.state === 'closed';
  await database.db
    .insertInto('decisions')
    .values({
      id,
      ...where,
      openedBy: where.deciderId,
      question: fixture.question ?? 'A matrix decision',
      mode,
      options: JSON.stringify(mode === 'vote' ? ['A', 'B'] : []),
      hideVotes: 0,
      windowHours: 16,
      openedAt: now,
      fairClosesAt: far,
      closesAt: far,
      closeSetBy: fixture.participantIds[0] ?? null,
      state: fixture.state ?? 'open',
      outcome: isClosed ? (mode === 'vote' ? 'chosen' : 'adopted') : null,
      chosenOption: isClosed && mode === 'vote' ? 0 : null,
      outcomePostId: null,
      closedEarly: isClosed ? 1 : 0,
      closedAt: isClosed ? now : null,
    })
    .execute();
  for (const [i, personId] of fixture.participantIds.entries()) {
    await database.db
      .insertInto('decisionParticipants')
      .values({
        decisionId: id,
        personId,
        isRequired: 1,
        windowEndsAt: far,
        remindAt: null,
        remindedAt: null,
      })
      .execute();
    if (!fixture.responses) continue;
    const kind = fixture.responses === 'tie' ? 'vote' : fixture.responses;
    await database.db
      .insertInto('decisionResponses')
      .values({
        decisionId: id,
        personId,
        kind,
        optionIndex: kind === 'vote' ? i % 2 : null,
        reason: kind === 'block' ? 'Not yet' : null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  return id;
}
