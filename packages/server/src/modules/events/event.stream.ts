import type { Caller } from '../../shared/caller.js';
import type { StoredEvent } from './event.repository.js';
import type { EventService } from './event.service.js';

/** Where a stream writes: a Node HTTP response, as far as the stream needs one. */
export interface StreamSink {
  write(chunk: string): boolean;
  readonly writableLength: number;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
}

/** Timings and bounds of one stream. */
export interface StreamOptions {
  /** A comment line this often keeps proxies and clients from timing out (about 25 s). */
  heartbeatMs: number;
  /** Bytes a client may leave unread before it is disconnected (checked when heartbeats are written). */
  maxBufferedBytes: number;
  /** How long a client may take to read what is buffered before it is disconnected. */
  slowClientMs: number;
  /** A stream ends after this long (the client reconnects, and its credentials are checked again). */
  maxLifetimeMs: number;
  /** Events read per query. */
  pageSize: number;
}

/** The default stream options. */
export const defaultStreamOptions: StreamOptions = {
  heartbeatMs: 25_000,
  maxBufferedBytes: 256 * 1024,
  slowClientMs: 30_000,
  maxLifetimeMs: 3_600_000,
  pageSize: 100,
};

/**
 * One event as SSE: its id, and one `data:` line of JSON. JSON.stringify escapes CR and LF, so no
 * payload can end the line early or start another field (BAD_INPUT row 25).
 */
export function formatEvent(event: StoredEvent): string {
  const data = JSON.stringify({
    id: String(event.id),
    type: event.type,
    createdAt: new Date(event.createdAt).toISOString(),
    payload: JSON.parse(event.payload) as unknown,
  });
  return `id: ${event.id}\ndata: ${data}\n\n`;
}

/**
 * Runs one open stream: writes the caller's events after `cursor`, then (when `follow`) every new one
 * as signals arrive, reading them from the database; heartbeats; ends a client that does not keep up
 * rather than buffering for it (it resumes with Last-Event-ID, the database being the buffer).
 *
 * @throws TooManyStreams (before writing anything) when the caller has too many streams open.
 */
export function runEventStream(
  service: EventService,
  caller: Caller,
  sink: StreamSink,
  start: { cursor: number; follow: boolean; onError(error: unknown): void },
  options: StreamOptions = defaultStreamOptions,
): void {
  let cursor = start.cursor;
  let isClosed = false;
  let isPumping = false;
  let isWanted = true;
  const timers: NodeJS.Timeout[] = [];
  const close = (hard: boolean) => {
    if (isClosed) return;
    isClosed = true;
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
    if (hard) sink.destroy();
    else sink.end();
  };
  const unsubscribe = start.follow
    ? service.subscribe(caller, { wake: () => wake(), close: () => close(false) })
    : () => undefined;
  sink.once('close', () => close(true));

  // False when the client did not take what was written within `slowClientMs`. Writing one event at a
  // time and waiting for 'drain' whenever the socket is full bounds what is buffered for a client to one
  // event past the socket's own buffer, plus the page read from the database.
  const waitForDrain = (): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      const onDrain = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        sink.off('drain', onDrain);
        resolve(false);
      }, options.slowClientMs);
      sink.once('drain', onDrain);
    });

  const pump = async () => {
    isPumping = true;
    try {
      while (isWanted && !isClosed) {
        isWanted = false;
        let page: StoredEvent[];
        do {
          page = await service.readAfter(caller, cursor, options.pageSize);
          if (isClosed) return;
          for (const event of page) {
            const hasRoom = sink.write(formatEvent(event));
            cursor = event.id;
            if (!hasRoom && !(await waitForDrain())) return close(true);
            if (isClosed) return;
          }
        } while (page.length === options.pageSize && !isClosed);
      }
      if (!start.follow) close(false);
    } catch (error) {
      start.onError(error);
      close(true);
    } finally {
      isPumping = false;
    }
  };
  const wake = () => {
    isWanted = true;
    if (!isPumping && !isClosed) void pump();
  };

  sink.write('retry: 3000\n\n');
  if (start.follow) {
    const beat = setInterval(() => {
      sink.write(': keep-alive\n\n');
      if (sink.writableLength > options.maxBufferedBytes) close(true);
    }, options.heartbeatMs);
    timers.push(
      beat,
      setTimeout(() => close(false), options.maxLifetimeMs),
    );
  }
  wake();
}
