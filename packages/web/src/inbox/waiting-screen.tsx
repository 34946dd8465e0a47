import { useMemo, useRef } from 'react';
import { Link } from '../app/router';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { rovingItemProps, useRovingFocus } from '../ui/roving-focus';
import { ScreenHeading } from '../ui/screen-heading';
import { useMyTimeZone, usePersonNames, useThreadTitles, useWaitingItems } from './inbox-data';
import type { WaitingItem } from './inbox-order';
import { InboxViewsNav } from './inbox-views-nav';
import { dueForBoth, formatWeekdayTime } from './when';

const levelLabel = { today: 'Today', soon: 'Soon', normal: 'Normal', fyi: 'FYI' } as const;

/** My open asks, soonest due first (the server's order; not yet delivered last). */
function byDue(items: readonly WaitingItem[]): WaitingItem[] {
  return [...items].sort(
    (a, b) =>
      (a.dueAt?.epochMs ?? Number.MAX_SAFE_INTEGER) - (b.dueAt?.epochMs ?? Number.MAX_SAFE_INTEGER) ||
      a.askId.localeCompare(b.askId),
  );
}

function dueText(item: WaitingItem, name: string): string {
  if (item.dueAt) return dueForBoth(item.dueAt, name);
  return item.level === 'fyi' ? 'no reply due (FYI)' : `not delivered yet: due once it reaches ${name}`;
}

/**
 * Waiting on others: my open asks, each with the person, the thread and the due time in their time and
 * mine ("due Thu 13:00 for Sam · Thu 22:00 for you"), and their acknowledgement when they sent one.
 */
export function WaitingScreen() {
  const waiting = useWaitingItems();
  const myTimeZone = useMyTimeZone();
  const listRef = useRef<HTMLUListElement>(null);
  useRovingFocus(listRef, { noun: 'ask' });
  const items = useMemo(() => byDue(waiting.data ?? []), [waiting.data]);
  const names = usePersonNames(useMemo(() => items.map((item) => item.personId), [items]));
  const threadIds = useMemo(() => [...new Set(items.map((item) => item.threadId))], [items]);
  const titles = useThreadTitles(threadIds);
  return (
    <section className="screen inbox-screen">
      <ScreenHeading title="Waiting on others">Waiting on others</ScreenHeading>
      <InboxViewsNav />
      {waiting.isPending ? <Loading what="Loading your open asks…" /> : null}
      <ErrorMessage error={waiting.error} />
      {waiting.data && items.length === 0 ? (
        <p className="muted">No open asks: nobody owes you a reply.</p>
      ) : null}
      <ul ref={listRef} className="inbox-list">
        {items.map((item) => {
          const name = names[item.personId] ?? 'Someone';
          const titleId = `waiting-${item.askId}`;
          return (
            <li key={item.askId} className="inbox-row">
              <article {...rovingItemProps} className="inbox-item" aria-labelledby={titleId}>
                <p className="inbox-item-title" id={titleId}>
                  <Link to={`/threads/${encodeURIComponent(item.threadId)}`}>
                    {`${name} in ${titles[item.threadId] ?? 'a thread'}`}
                  </Link>
                </p>
                <p className="inbox-item-meta">
                  <span className="inbox-level">{levelLabel[item.level]}</span>
                  {item.dueAt ? (
                    <time className="inbox-due" dateTime={item.dueAt.at}>
                      {dueText(item, name)}
                    </time>
                  ) : (
                    <span className="inbox-due">{dueText(item, name)}</span>
                  )}
                </p>
                {item.acknowledgement ? (
                  <p className="inbox-ack">
                    {`${name} acknowledged ${formatWeekdayTime(Date.parse(item.acknowledgement.at), myTimeZone)} your time: `}
                    <q>{item.acknowledgement.note}</q>
                  </p>
                ) : null}
              </article>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
