import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { EventPublisher, EventToPublish } from '../../shared/event-publisher.js';
import { InvalidLastEventId, TooManyStreams } from './event.errors.js';
import * as repo from './event.repository.js';
import type { Executor, StoredEvent } from './event.repository.js';

/**
 * Makes a recipient's event ids increase in commit order: called in the publishing transaction before
 * its events are inserted, with the recipients sorted. On PostgreSQL, a transaction-scoped lock per
 * recipient (identity values are taken at insert, commits may land in another order, and a stream that
 * had read id 6 would never see a late 5); on SQLite writers are serial already. `buildApp` passes it in.
 */
export interface RecipientLock {
  lock(tx: Executor, personIds: string[]): Promise<void>;
}

/** Cross-process wake-ups carrying recipients' person ids (PostgreSQL NOTIFY, or in-process). */
export interface EventSignals {
  /** Wakes the streams of these recipients once `tx` commits (as few signals as the transport allows). */
  send(tx: Executor, personIds: readonly string[]): Promise<void>;
  /** `personId` null: signals may have been lost; every stream reads again. */
  listen(listener: (personId: string | null) => void): () => void;
}

/** Limits of the event streams. */
export interface EventLimits {
  /** Open streams per person and workspace, per process. */
  maxStreamsPerPerson: number;
  /** Open streams per process. */
  maxStreams: number;
  /** How long an event is kept for replay. */
  retentionMs: number;
  /** Largest payload, in bytes of JSON. */
  maxPayloadBytes: number;
}

/** The default limits. */
export const defaultEventLimits: EventLimits = {
  maxStreamsPerPerson: 5,
  maxStreams: 10_000,
  retentionMs: 7 * 86_400_000,
  maxPayloadBytes: 64 * 1024,
};

const typePattern = /^[a-z][a-z0-9_.-]{0,63}$/;
const eventIdPattern = /^[0-9]{1,30}$/;

/** Someone waiting for a recipient's events: woken when new ones may be there. */
export interface Subscriber {
  workspaceId: string;
  personId: string;
  wake(): void;
  /** Ends the stream (the server is closing). */
  close(): void;
}

/**
 * Live updates: events stored per recipient, published by modules in their own transactions, read back
 * by the recipient's streams after an id. Holds this process's open streams and wakes them on signals.
 */
export class EventService implements EventPublisher<Executor> {
  readonly limits: EventLimits;
  /** Open streams by recipient person id. */
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  #open = 0;
  #unlisten: (() => void) | undefined;

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly recipients: RecipientLock,
    private readonly signals: EventSignals,
    limits: Partial<EventLimits> = {},
  ) {
    this.limits = { ...defaultEventLimits, ...limits };
  }

  async publish(tx: Executor, events: EventToPublish | EventToPublish[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    const createdAt = this.clock.now();
    const rows = list.map((e) => {
      if (!typePattern.test(e.type)) throw new Error(`Invalid event type ${JSON.stringify(e.type)}.`);
      const payload = JSON.stringify(e.payload);
      if (Buffer.byteLength(payload) > this.limits.maxPayloadBytes)
        throw new Error('Event payload too large.');
      return { workspaceId: e.workspaceId, personId: e.personId, type: e.type, payload, createdAt };
    });
    const personIds = [...new Set(rows.map((r) => r.personId))].sort();
    await this.recipients.lock(tx, personIds);
    await repo.insertEvents(tx, rows);
    await this.signals.send(tx, personIds);
  }

  /**
   * Where a stream resumes: after the `Last-Event-ID` the client sent, never past the newest event (an
   * id from the future would hide the events that get it later), or after the newest event without one.
   *
   * @throws InvalidLastEventId when it is not a decimal id.
   */
  async resolveCursor(lastEventId: string | undefined, path: string): Promise<number> {
    const last = await repo.findLastEventId(this.db);
    if (lastEventId === undefined) return last;
    if (!eventIdPattern.test(lastEventId)) throw new InvalidLastEventId(path);
    // Longer than 15 digits is past any id this server makes (ids stay below 2^53).
    return lastEventId.length > 15 ? last : Math.min(Number(lastEventId), last);
  }

  /** The caller's events after `afterId`, oldest first. */
  readAfter(caller: Caller, afterId: number, limit: number): Promise<StoredEvent[]> {
    return repo.listEventsAfter(this.db, caller, afterId, limit);
  }

  /**
   * Opens a stream slot for the caller and subscribes `wake` to its signals; returns the closer.
   *
   * @throws TooManyStreams when the caller (or this process) has as many open streams as allowed.
   */
  subscribe(caller: Caller, stream: Pick<Subscriber, 'wake' | 'close'>): () => void {
    const set = this.#subscribers.get(caller.personId) ?? new Set<Subscriber>();
    const mine = [...set].filter((s) => s.workspaceId === caller.workspaceId).length;
    if (mine >= this.limits.maxStreamsPerPerson) throw new TooManyStreams(this.limits.maxStreamsPerPerson);
    if (this.#open >= this.limits.maxStreams) throw new TooManyStreams(this.limits.maxStreams);
    this.#unlisten ??= this.signals.listen((personId) => this.#dispatch(personId));
    const subscriber: Subscriber = { workspaceId: caller.workspaceId, personId: caller.personId, ...stream };
    set.add(subscriber);
    this.#subscribers.set(caller.personId, set);
    this.#open += 1;
    let isOpen = true;
    return () => {
      if (!isOpen) return;
      isOpen = false;
      this.#open -= 1;
      set.delete(subscriber);
      if (set.size === 0) this.#subscribers.delete(caller.personId);
    };
  }

  /** How many streams this process holds open. */
  get openStreams(): number {
    return this.#open;
  }

  #dispatch(personId: string | null): void {
    const sets = personId === null ? [...this.#subscribers.values()] : [this.#subscribers.get(personId)];
    for (const set of sets) for (const subscriber of set ?? []) subscriber.wake();
  }

  /** Deletes events older than the retention; returns how many. */
  prune(tx: Executor, now: number): Promise<number> {
    return repo.deleteEventsBefore(tx, now - this.limits.retentionMs);
  }

  /** Ends every open stream and stops listening for signals (the app is closing). */
  close(): void {
    for (const set of [...this.#subscribers.values()]) for (const subscriber of [...set]) subscriber.close();
    this.#unlisten?.();
    this.#unlisten = undefined;
  }
}
