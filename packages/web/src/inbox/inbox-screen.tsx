import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShortcut } from '../app/shortcuts';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { rovingItems, useRovingFocus } from '../ui/roving-focus';
import { ScreenHeading } from '../ui/screen-heading';
import { useInboxActions, useInboxItems, useMyTimeZone, usePersonNames, useThreadTitles } from './inbox-data';
import { InboxItemView } from './inbox-item';
import type { InboxItem } from './inbox-order';
import { layOutInbox } from './inbox-order';
import { InboxViewsNav } from './inbox-views-nav';
import { formatWeekdayTime } from './when';

/** Performance marks around the first render of a non-empty list (the inbox bench reads the measure). */
export const inboxRenderMarks = {
  start: 'meanwhile:inbox-render-start',
  end: 'meanwhile:inbox-render-end',
  measure: 'meanwhile:inbox-render',
} as const;

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * My inbox: open asks first by due time ("due Thu 11:00 your time"), then the rest grouped by thread; done,
 * undone, snooze to my next slot; interrupts with their reason. New items arrive live (the shell's event
 * stream refreshes the query) in place, without moving the focus. `j`/`k` move, `e` marks done (or undoes).
 */
export function InboxScreen() {
  const inbox = useInboxItems();
  const names = usePersonNames(useMemo(() => (inbox.data ?? []).map((item) => item.authorId), [inbox.data]));
  const myTimeZone = useMyTimeZone();
  const { done, undone, snooze } = useInboxActions();
  const [doneItems, setDoneItems] = useState<InboxItem[]>([]);
  const [status, setStatus] = useState('');
  const [busyId, setBusyId] = useState<string | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const refocusIndex = useRef<number | null>(null);
  const { focused } = useRovingFocus(listRef, { noun: 'item' });

  const items = useMemo(() => inbox.data ?? [], [inbox.data]);
  const layout = useMemo(() => layOutInbox(items), [items]);
  const threadIds = useMemo(
    () => [...new Set([...items, ...doneItems].map((item) => item.threadId))],
    [items, doneItems],
  );
  const titles = useThreadTitles(threadIds);

  // The first render of a non-empty list, measured (render, commit and layout) for the bench.
  const measured = useRef(false);
  if (!measured.current && items.length > 0) performance.mark(inboxRenderMarks.start);
  useLayoutEffect(() => {
    if (measured.current || items.length === 0) return;
    measured.current = true;
    void listRef.current?.offsetHeight; // forces style and layout, so that they count too
    performance.mark(inboxRenderMarks.end);
    performance.measure(inboxRenderMarks.measure, inboxRenderMarks.start, inboxRenderMarks.end);
  }, [items]);

  // Says how many items arrived since the last answer (live deliveries), politely.
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!inbox.data) return;
    const before = seen.current;
    seen.current = new Set(inbox.data.map((item) => item.id));
    if (!before) return;
    const arrived = inbox.data.filter((item) => !before.has(item.id)).length;
    if (arrived > 0) setStatus(`${plural(arrived, 'new item', 'new items')} in your inbox.`);
  }, [inbox.data]);

  // After an item leaves, the focus goes to the one that took its place.
  useLayoutEffect(() => {
    if (refocusIndex.current === null) return;
    const all = rovingItems(listRef.current);
    all[Math.min(refocusIndex.current, all.length - 1)]?.focus({ preventScroll: true });
    refocusIndex.current = null;
  }, [items, doneItems]);

  const rememberFocus = useCallback((id: string) => {
    const all = rovingItems(listRef.current);
    const index = all.findIndex((element) => element.dataset.itemId === id);
    refocusIndex.current = index === -1 || !all[index]!.contains(document.activeElement) ? null : index;
  }, []);
  const markDone = done.mutate;
  const markUndone = undone.mutate;
  const snoozeItem = snooze.mutate;

  const onDone = useCallback(
    (item: InboxItem) => {
      rememberFocus(item.id);
      setBusyId(item.id);
      markDone(item, {
        onSuccess: () => {
          setDoneItems((list) => [item, ...list.filter((i) => i.id !== item.id)]);
          setStatus('Marked done. “Undo done” brings it back.');
        },
        onSettled: () => setBusyId(null),
      });
    },
    [markDone, rememberFocus],
  );
  const onUndone = useCallback(
    (item: InboxItem) => {
      rememberFocus(item.id);
      setBusyId(item.id);
      markUndone(item, {
        onSuccess: () => {
          setDoneItems((list) => list.filter((i) => i.id !== item.id));
          setStatus('Back in your inbox.');
        },
        onSettled: () => setBusyId(null),
      });
    },
    [markUndone, rememberFocus],
  );
  const onSnooze = useCallback(
    (item: InboxItem) => {
      rememberFocus(item.id);
      setBusyId(item.id);
      snoozeItem(item, {
        onSuccess: (state) => {
          const until = state.snoozedUntil
            ? ` until ${formatWeekdayTime(Date.parse(state.snoozedUntil), myTimeZone)} your time`
            : '';
          setStatus(`Snoozed${until}: it comes back to your inbox then.`);
        },
        onSettled: () => setBusyId(null),
      });
    },
    [snoozeItem, myTimeZone, rememberFocus],
  );

  useShortcut('e', 'Mark done (or undo)', () => {
    const element = focused();
    const id = element?.dataset.itemId;
    if (!id) return;
    const doneItem = doneItems.find((item) => item.id === id);
    if (doneItem) onUndone(doneItem);
    else {
      const item = items.find((i) => i.id === id);
      if (item) onDone(item);
    }
  });

  const context = (item: InboxItem, isDone: boolean) => ({
    authorName: names[item.authorId],
    threadTitle: titles[item.threadId],
    myTimeZone,
    isDone,
    isBusy: busyId === item.id,
    onDone,
    onUndone,
    onSnooze,
  });
  const actionError = done.error ?? undone.error ?? snooze.error;

  return (
    <section className="screen inbox-screen">
      <ScreenHeading title="Inbox">Inbox</ScreenHeading>
      <InboxViewsNav />
      <p className="inbox-status" role="status">
        {status}
      </p>
      <ErrorMessage error={actionError} />
      {inbox.isPending ? <Loading what="Loading your inbox…" /> : null}
      <ErrorMessage error={inbox.error} />
      <div ref={listRef} className="inbox-lists">
        {inbox.data && items.length === 0 ? (
          <p className="muted">Nothing in your inbox. New posts land here during your working hours.</p>
        ) : null}
        {layout.asks.length > 0 ? (
          <section aria-labelledby="inbox-asks-heading">
            <h2 id="inbox-asks-heading">Asks for you, by due time</h2>
            <ul className="inbox-list">
              {layout.asks.map((item) => (
                <InboxItemView key={item.id} item={item} variant="standalone" {...context(item, false)} />
              ))}
            </ul>
          </section>
        ) : null}
        {layout.threads.length > 0 ? (
          <section aria-labelledby="inbox-threads-heading">
            <h2 id="inbox-threads-heading">Threads</h2>
            {layout.threads.map((group) => (
              <section
                key={group.threadId}
                className="inbox-thread"
                aria-labelledby={`inbox-thread-${group.threadId}`}
              >
                <h3 id={`inbox-thread-${group.threadId}`} className="inbox-thread-title">
                  {titles[group.threadId] ?? <span className="muted">Loading the thread’s title…</span>}{' '}
                  <span className="muted">· {plural(group.items.length, 'item', 'items')}</span>
                </h3>
                <ul className="inbox-list">
                  {group.items.map((item) => (
                    <InboxItemView key={item.id} item={item} variant="in-thread" {...context(item, false)} />
                  ))}
                </ul>
              </section>
            ))}
          </section>
        ) : null}
        {doneItems.length > 0 ? (
          <section aria-labelledby="inbox-done-heading">
            <h2 id="inbox-done-heading">Done just now</h2>
            <ul className="inbox-list">
              {doneItems.map((item) => (
                <InboxItemView key={item.id} item={item} variant="standalone" {...context(item, true)} />
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </section>
  );
}
