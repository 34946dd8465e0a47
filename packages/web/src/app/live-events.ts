// Live updates: one Server-Sent Events stream (`GET /api/v1/events`, the session cookie) per signed-in app.
// Each event refreshes the cached answers it makes stale: a delivery refreshes the inbox (and its count),
// waiting on others, and every cached query of its thread. The browser's EventSource resumes with
// Last-Event-ID after a dropped connection; when the server ends the stream for good (an error answer), a
// new one starts a little later from the last event seen.
import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from './query-keys';

/** One event of the stream, as its `data:` line holds it. */
export interface LiveEvent {
  id: string;
  type: string;
  createdAt: string;
  payload: Record<string, unknown>;
}

/** Where the stream is. */
export const liveEventsPath = '/api/v1/events';

/** How long to wait before opening a new stream after the server closed one. */
export const reopenDelayMs = 15_000;

type Listener = (event: LiveEvent) => void;
const listeners = new Set<Listener>();

/**
 * Calls `listener` with every live event (after the caches were refreshed); returns the unsubscribe
 * function. For screens that do more than refetch, e.g. announce "1 new post".
 */
export function subscribeLiveEvents(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function isLiveEvent(value: unknown): value is LiveEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.payload === 'object' && v.payload !== null;
}

/** Whether a query key mentions `id` (a thread's queries are keyed by its id, whatever their shape). */
function keyMentions(key: readonly unknown[], id: string): boolean {
  return key.some((part) => part === id);
}

/** Refreshes what `event` makes stale in `queryClient`, then tells the listeners. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  const threadId = typeof event.payload.threadId === 'string' ? event.payload.threadId : null;
  if (event.type.startsWith('inbox.')) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
    void queryClient.invalidateQueries({ queryKey: queryKeys.waiting });
  }
  if (threadId !== null) {
    void queryClient.invalidateQueries({
      predicate: (query) => query.queryKey[0] !== 'inbox' && keyMentions(query.queryKey, threadId),
    });
  }
  for (const listener of listeners) listener(event);
}

/** Parses one `message` of the stream; null for anything that is not an event. */
export function parseLiveEvent(data: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    return isLiveEvent(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Keeps one event stream open while mounted (call it once, in the signed-in shell). Does nothing where
 * the browser has no EventSource (component tests under jsdom).
 */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof globalThis.EventSource !== 'function') return undefined;
    let source: EventSource | null = null;
    let lastEventId: string | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let opens = 0;
    let stopped = false;
    const open = () => {
      const url =
        lastEventId === null
          ? liveEventsPath
          : `${liveEventsPath}?lastEventId=${encodeURIComponent(lastEventId)}`;
      source = new EventSource(url, { withCredentials: true });
      source.onopen = () => {
        opens += 1;
        // Reopened without a resume point: what happened meanwhile is unknown, so refetch the inbox.
        if (opens > 1 && lastEventId === null)
          void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
      };
      source.onmessage = (message: MessageEvent<string>) => {
        if (message.lastEventId) lastEventId = message.lastEventId;
        const event = parseLiveEvent(message.data);
        if (event) applyLiveEvent(queryClient, event);
      };
      source.onerror = () => {
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: the server refused.
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          reopenTimer = setTimeout(open, reopenDelayMs);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(reopenTimer);
      source?.close();
    };
  }, [queryClient]);
}
