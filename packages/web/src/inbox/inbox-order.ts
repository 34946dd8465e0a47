// How the inbox is laid out: open asks with a due time first, soonest due first; then everything else
// grouped by thread, the thread with the latest delivery first, newest item first inside a thread. The
// server pages in this order already; the app orders again so that items patched in live land in place.
import type { paths } from '@meanwhile/api-client';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** One inbox item, as `GET /api/v1/inbox` answers. */
export type InboxItem = Json<paths['/api/v1/inbox']['get']['responses'][200]>['items'][number];

/** One of my open asks of others, as `GET /api/v1/waiting` answers. */
export type WaitingItem = Json<paths['/api/v1/waiting']['get']['responses'][200]>['items'][number];

/** A due time with both wall clocks (the asked person's and mine). */
export type DueAt = NonNullable<WaitingItem['dueAt']>;

/** The items of one thread, newest first. */
export interface ThreadGroup {
  threadId: string;
  items: InboxItem[];
}

/** The inbox as the screen shows it. */
export interface InboxLayout {
  asks: InboxItem[];
  threads: ThreadGroup[];
}

/** Whether the item is an open ask with a due time (it goes to the asks at the top). */
export function isDueAsk(item: InboxItem): boolean {
  return item.ask !== null && item.ask.state === 'open' && item.ask.dueAt !== null;
}

const deliveredMs = (item: InboxItem) => Date.parse(item.deliveredAt);

/** Lays the items out: asks by due time, then the rest grouped by thread (see the file comment). */
export function layOutInbox(items: readonly InboxItem[]): InboxLayout {
  const asks = items
    .filter(isDueAsk)
    .sort((a, b) => a.ask!.dueAt!.epochMs - b.ask!.dueAt!.epochMs || a.id.localeCompare(b.id));
  const byThread = new Map<string, InboxItem[]>();
  for (const item of items) {
    if (isDueAsk(item)) continue;
    const group = byThread.get(item.threadId);
    if (group) group.push(item);
    else byThread.set(item.threadId, [item]);
  }
  const threads = [...byThread].map(([threadId, group]) => ({
    threadId,
    items: group.sort((a, b) => deliveredMs(b) - deliveredMs(a) || a.id.localeCompare(b.id)),
  }));
  threads.sort(
    (a, b) => deliveredMs(b.items[0]!) - deliveredMs(a.items[0]!) || a.threadId.localeCompare(b.threadId),
  );
  return { asks, threads };
}
