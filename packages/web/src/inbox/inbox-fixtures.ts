// Inbox and waiting answers for component tests, shaped as the API sends them.
import type { DueAt, InboxItem, WaitingItem } from './inbox-order';

/** A due time at `iso` with my wall clock in `mine` and theirs in `theirs` (both Berlin by default). */
export function dueAt(iso: string, mine = 'Europe/Berlin', theirs = mine): DueAt {
  const epochMs = Date.parse(iso);
  const local = (timeZone: string) => ({
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    timeZone,
    utcOffsetMinutes: 0,
  });
  return { at: new Date(epochMs).toISOString(), epochMs, theirs: local(theirs), mine: local(mine) };
}

/** An inbox item: a plain post of `threadId` unless `ask` or `interrupt` say otherwise. */
export function inboxItem(
  id: string,
  threadId: string,
  deliveredAt: string,
  extra: Partial<InboxItem> = {},
): InboxItem {
  return {
    id,
    kind: 'post',
    postId: `post-${id}`,
    threadId,
    channelId: 'c-1',
    authorId: 'p-olivia',
    deliveredAt,
    snoozedUntil: null,
    interrupt: null,
    ask: null,
    checkin: null,
    ...extra,
  };
}

/** An open ask due at `due`. */
export function openAsk(id: string, due: string, level: 'today' | 'soon' | 'normal' = 'today') {
  return { id, level, state: 'open' as const, dueAt: dueAt(due) };
}

/** One of my open asks of someone in `theirZone`. */
export function waitingItem(
  askId: string,
  personId: string,
  due: string | null,
  theirZone: string,
  extra: Partial<WaitingItem> = {},
): WaitingItem {
  return {
    askId,
    postId: `post-${askId}`,
    threadId: 't-launch',
    personId,
    level: 'today',
    dueAt: due === null ? null : dueAt(due, 'Europe/Berlin', theirZone),
    acknowledgement: null,
    ...extra,
  };
}

/** `GET /api/v1/people`: Olivia (owner) and Sam. */
export const people = {
  items: [
    { id: 'p-olivia', displayName: 'Olivia Owner', role: 'owner', joinedAt: 0, deactivatedAt: null },
    { id: 'p-sam', displayName: 'Sam <b>Rivera</b>', role: 'member', joinedAt: 0, deactivatedAt: null },
  ],
  nextCursor: null,
};

/** `GET /api/v1/threads/:id` for the threads the fixtures use. */
export function threadAnswer(id: string) {
  const titles: Record<string, string> = { 't-launch': 'Launch plan', 't-hiring': 'Hiring <script>' };
  return {
    id,
    channelId: 'c-1',
    title: titles[id] ?? `Thread ${id}`,
    authorId: 'p-olivia',
    createdAt: '2027-03-01T00:00:00.000Z',
    lastPostAt: '2027-03-01T00:00:00.000Z',
    isFollowing: true,
  };
}

/** `GET /api/v1/me/rhythm`, as far as the inbox reads it. */
export const berlinRhythm = { rhythm: { timeZone: 'Europe/Berlin' } };
