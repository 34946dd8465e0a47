import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../shared/database.js';

/**
 * Wake-up signals between the processes of a deployment, sent inside a transaction and heard only once
 * it commits: PostgreSQL `NOTIFY` / `LISTEN`, or, on SQLite (one process), an in-process emitter. A
 * signal carries an id at most; listeners read the rows themselves.
 */
export interface Notifications {
  /** Sends `payload` on `channel` from the transaction `tx` (PostgreSQL delivers it at commit). */
  notify(tx: Kysely<Database>, channel: string, payload: string): Promise<void>;
  /**
   * Calls `listener` with each payload sent on `channel`, and with `null` after a lost connection came
   * back (signals may have been missed: read again). Returns the unsubscribe function.
   */
  listen(channel: string, listener: (payload: string | null) => void): () => void;
  close(): Promise<void>;
}

/**
 * In-process signals for SQLite. They are emitted at once, before the sender commits; that is safe
 * because the one SQLite connection is held by the sender's transaction until it ends, so a listener's
 * read waits for the commit (or sees nothing after a rollback).
 */
export function createLocalNotifications(): Notifications {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: async (_tx, channel, payload) => {
      queueMicrotask(() => emitter.emit(channel, payload));
    },
    listen: (channel, listener) => {
      emitter.on(channel, listener);
      return () => emitter.off(channel, listener);
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

const reconnectDelayMs = 1000;
const channelPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL signals: one dedicated connection per process LISTENs (opened on the first `listen`), and
 * reconnects after a failure, telling every listener to read again.
 */
export function createPostgresNotifications(url: string, onError: (error: Error) => void): Notifications {
  const listeners = new Map<string, Set<(payload: string | null) => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let isClosed = false;
  let retry: NodeJS.Timeout | undefined;

  const dispatch = (channel: string, payload: string | null) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  const reconnectLater = () => {
    if (isClosed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, reconnectDelayMs);
    retry.unref();
  };
  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const next = new pg.Client({ connectionString: url });
      next.on('notification', (message) => dispatch(message.channel, message.payload ?? ''));
      next.on('error', (error) => {
        onError(error);
        if (client === next) client = undefined;
        void next.end().catch(() => undefined);
        reconnectLater();
      });
      try {
        await next.connect();
        for (const channel of listeners.keys()) await next.query(`listen ${channel}`);
        if (isClosed) await next.end();
        else {
          client = next;
          // Whatever was sent before LISTEN took effect was missed: every listener reads again.
          for (const channel of listeners.keys()) dispatch(channel, null);
        }
      } catch (error) {
        onError(error as Error);
        void next.end().catch(() => undefined);
        reconnectLater();
      } finally {
        connecting = undefined;
      }
    })());

  return {
    notify: async (tx, channel, payload) => {
      await sql`select pg_notify(${channel}, ${payload})`.execute(tx);
    },
    listen(channel, listener) {
      if (!channelPattern.test(channel)) throw new Error(`Invalid channel name ${channel}.`);
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        if (client) client.query(`listen ${channel}`).catch((error: Error) => onError(error));
        else void connect();
      }
      set.add(listener);
      return () => set.delete(listener);
    },
    close: async () => {
      isClosed = true;
      clearTimeout(retry);
      await connecting;
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
