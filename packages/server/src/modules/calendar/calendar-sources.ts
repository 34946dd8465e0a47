// The feed's events that other modules own the times of (issue 7: "due asks and decision closes"). Each
// table is read through its module's exported read function (STYLE.md §6); what the feed's owner may see
// is decided here the same way their requests are: by loading each thread as them.
import { listClosingDecisionsOf } from '../decisions/index.js';
import { listDueAsksOf } from '../deliveries/index.js';
import { loadVisibleThread } from '../threads/index.js';
import { findMembership } from '../workspaces/index.js';
import type { Caller } from '../../shared/caller.js';
import type { FeedEvent } from './calendar.feed.js';
import type { Executor } from './calendar.repository.js';
import type { FeedSource } from './calendar.service.js';

/** How long a due-ask or decision-close event lasts: a marker at the instant, not a block of work. */
export const markerEventMs = 15 * 60_000;
/** The longest question a summary carries; the whole question is in the description. */
const maxSummaryQuestion = 200;

// The feed's owner as a reader: never writing, the role they hold now. Null once they left the workspace.
async function ownerAsReader(db: Executor, workspaceId: string, personId: string): Promise<Caller | null> {
  const membership = await findMembership(db, workspaceId, personId);
  if (!membership || membership.deactivatedAt !== null) return null;
  return {
    personId,
    workspaceId,
    role: membership.role,
    via: 'token',
    scope: 'read',
    credentialId: 'calendar-feed',
  };
}

// The title of each thread the owner may see; a thread they cannot (left the channel, not a participant
// of a scratch thread, deleted) is absent, and so are its events.
async function visibleTitles(db: Executor, owner: Caller, threadIds: readonly string[]) {
  const titles = new Map<string, string>();
  for (const id of new Set(threadIds)) {
    const found = await loadVisibleThread(db, owner, id).catch(() => null);
    if (found) titles.set(id, found.thread.title);
  }
  return titles;
}

const shorten = (text: string) => {
  const line = text.split('\n', 1)[0]!.trim();
  return line.length > maxSummaryQuestion ? `${line.slice(0, maxSummaryQuestion - 1)}…` : line;
};

/** The open asks addressed to the feed's owner, each an event at its due instant: "Reply due: <thread>". */
export function dueAskFeedSource(db: Executor): FeedSource {
  return async (workspaceId, personId, from, to) => {
    const owner = await ownerAsReader(db, workspaceId, personId);
    if (owner === null) return [];
    const asks = await listDueAsksOf(db, { workspaceId, personId, from, to });
    const titles = await visibleTitles(
      db,
      owner,
      asks.map((a) => a.threadId),
    );
    return asks.flatMap((ask): FeedEvent[] => {
      const title = titles.get(ask.threadId);
      if (title === undefined) return [];
      return [
        {
          key: `ask-due:${ask.id}`,
          summary: `Reply due: ${title}`,
          description: `Thread: ${ask.threadId}`,
          start: ask.dueAt,
          end: ask.dueAt + markerEventMs,
          transparency: 'free',
          category: 'ask-due',
        },
      ];
    });
  };
}

/** The open decisions the feed's owner takes part in, each an event at its close: "Decision closes: <question>". */
export function decisionCloseFeedSource(db: Executor): FeedSource {
  return async (workspaceId, personId, from, to) => {
    const owner = await ownerAsReader(db, workspaceId, personId);
    if (owner === null) return [];
    const decisions = await listClosingDecisionsOf(db, { workspaceId, personId, from, to });
    const titles = await visibleTitles(
      db,
      owner,
      decisions.map((d) => d.threadId),
    );
    return decisions.flatMap((decision): FeedEvent[] => {
      const title = titles.get(decision.threadId);
      if (title === undefined) return [];
      return [
        {
          key: `decision-close:${decision.id}`,
          summary: `Decision closes: ${shorten(decision.question)}`,
          description: `${decision.question}\nThread: ${title}`,
          start: decision.closesAt,
          end: decision.closesAt + markerEventMs,
          transparency: 'free',
          category: 'decision-close',
        },
      ];
    });
  };
}
