// Promotion of an ideation idea into a decision (issue 6): the ideation module calls this through its
// `DecisionOpener` hook, in the promoting transaction, so that a failed opening leaves nothing behind.
import { filterChannelReaders } from '../channels/index.js';
import type { PostService } from '../posts/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { loadVisibleThread } from '../threads/index.js';
import type { Caller } from '../../shared/caller.js';
import { fairClose } from './decision.domain.js';
import type { Executor } from './decision.repository.js';
import type { OpenDecision } from './decision.service.js';

/** The idea a decision is opened from, as the ideation module hands it over. */
export interface IdeaForDecision {
  channelId: string;
  /** The round's thread; null starts a thread in the channel, titled from the idea. */
  threadId: string | null;
  /** The idea's text: the decision's question. */
  question: string;
  ideaId: string;
  /** The round's participants; those who cannot see the thread are left out. */
  participantIds?: readonly string[] | undefined;
}

interface Deps {
  posts: Pick<PostService, 'startThreadIn'>;
  rhythms: Pick<RhythmService, 'deliveryProfiles'>;
  now: number;
  /** Opens the decision in the same transaction (DecisionService.openIn); its id. */
  open: (threadId: string, input: OpenDecision) => Promise<string>;
}

const maxTitleLength = 120;

/** The first line of an idea, short enough for a thread title. */
export function titleFromIdea(text: string): string {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > maxTitleLength ? `${line.slice(0, maxTitleLength - 1)}…` : line;
}

/**
 * Opens a consent decision on an idea: the promoter decides; the promoter and the round's participants who
 * can see the thread are required (so the close is fair over each one's own working time); the window is
 * the agreement's. A participant with no working time ahead (an empty rhythm) would leave no fair close,
 * so takes part as optional rather than failing the promotion.
 */
export async function openDecisionFromIdea(
  deps: Deps,
  tx: Executor,
  caller: Caller,
  idea: IdeaForDecision,
): Promise<{ decisionId: string; threadId: string }> {
  const threadId =
    idea.threadId ??
    (
      await deps.posts.startThreadIn(tx, caller, idea.channelId, {
        title: titleFromIdea(idea.question),
        markdown: `${idea.question}\n\n*Promoted from an ideation idea (${idea.ideaId}) for a decision.*`,
      })
    ).thread.id;
  const { channel } = await loadVisibleThread(tx, caller, threadId);
  const candidates = [...new Set([caller.personId, ...(idea.participantIds ?? [])])];
  const readers = await filterChannelReaders(tx, caller, channel, candidates);
  const profiles = await deps.rhythms.deliveryProfiles(readers, tx);
  const probe = fairClose(
    readers.map((personId) => ({ personId, present: profiles.get(personId)!.present })),
    deps.now,
    1,
  );
  const withoutTime = new Set('withoutTime' in probe ? probe.withoutTime : []);
  const required = readers.filter((p) => !withoutTime.has(p) || p === caller.personId);
  const decisionId = await deps.open(threadId, {
    question: idea.question,
    mode: 'consent',
    deciderId: caller.personId,
    requiredIds: required,
    optionalIds: readers.filter((p) => !required.includes(p)),
  });
  return { decisionId, threadId };
}
