import { memo } from 'react';
import { Link } from '../app/router';
import { rovingItemProps } from '../ui/roving-focus';
import type { InboxItem } from './inbox-order';
import { dueForMe, formatWeekdayTime } from './when';

/** What an item needs besides itself: names, the thread's title, my zone, and what its buttons do. */
export interface InboxItemContext {
  authorName: string | undefined;
  threadTitle: string | undefined;
  myTimeZone: string | undefined;
  /** Whether the item sits in "Done just now" (its button undoes). */
  isDone: boolean;
  isBusy: boolean;
  onDone(item: InboxItem): void;
  onUndone(item: InboxItem): void;
  onSnooze(item: InboxItem): void;
}

const levelLabel = { today: 'Today', soon: 'Soon', normal: 'Normal', fyi: 'FYI' } as const;

/** The DOM id of an item's title (its buttons are described by it). */
export const inboxItemTitleId = (id: string) => `inbox-item-${id}`;

/**
 * One inbox item: an ask ("Ask from Olivia in Launch plan", due in my time), a check-in's questions
 * ("Check-in: What did you finish? · answer", linking to the check-ins), or a post of a thread (who, when it
 * arrived); an interrupt shows its reason. Every string from people is rendered as text.
 */
export const InboxItemView = memo(function InboxItemView({
  item,
  variant,
  authorName,
  threadTitle,
  myTimeZone,
  isDone,
  isBusy,
  onDone,
  onUndone,
  onSnooze,
}: InboxItemContext & { item: InboxItem; variant: 'standalone' | 'in-thread' }) {
  const titleId = inboxItemTitleId(item.id);
  const author = authorName ?? 'Someone';
  const thread = threadTitle ?? 'a thread';
  const delivered = formatWeekdayTime(Date.parse(item.deliveredAt), myTimeZone);
  const what = item.ask
    ? `${item.kind === 'reminder' ? 'Reminder: ask' : 'Ask'} from ${author}`
    : item.interrupt
      ? `${author} interrupted`
      : `${author} posted`;
  const title = variant === 'standalone' ? `${what} in ${thread}` : what;
  return (
    <li className="inbox-row">
      <article
        {...rovingItemProps}
        className={isDone ? 'inbox-item is-done' : 'inbox-item'}
        aria-labelledby={titleId}
        data-item-id={item.id}
      >
        {item.checkin ? (
          <p className="inbox-item-title" id={titleId}>
            Check-in: {item.checkin.questions.join(' · ')} · <Link to="/checkins">answer</Link>
          </p>
        ) : (
          <p className="inbox-item-title" id={titleId}>
            <Link to={`/threads/${encodeURIComponent(item.threadId)}`}>{title}</Link>
          </p>
        )}
        <p className="inbox-item-meta">
          {item.ask ? <span className="inbox-level">{levelLabel[item.ask.level]}</span> : null}
          {item.ask?.dueAt ? (
            <time className="inbox-due" dateTime={item.ask.dueAt.at}>
              {dueForMe(item.ask.dueAt)}
            </time>
          ) : null}
          {item.ask && item.ask.state !== 'open' ? <span>{item.ask.state}</span> : null}
          <span className="muted">
            arrived <time dateTime={item.deliveredAt}>{delivered}</time>
          </span>
        </p>
        {item.interrupt ? (
          <p className="inbox-interrupt">
            <strong>{item.interrupt.emergency ? 'Emergency interrupt' : 'Interrupt'}:</strong>{' '}
            {item.interrupt.reason}
          </p>
        ) : null}
        <div className="inbox-item-actions">
          {isDone ? (
            <button type="button" aria-describedby={titleId} disabled={isBusy} onClick={() => onUndone(item)}>
              Undo done
            </button>
          ) : (
            <>
              <button type="button" aria-describedby={titleId} disabled={isBusy} onClick={() => onDone(item)}>
                Done
              </button>
              <button
                type="button"
                aria-describedby={titleId}
                disabled={isBusy}
                onClick={() => onSnooze(item)}
              >
                Snooze to my next slot
              </button>
            </>
          )}
        </div>
      </article>
    </li>
  );
});
