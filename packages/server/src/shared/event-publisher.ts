// Live updates as modules see them: a module publishes an event to one person in the transaction that
// changed what the event reports; `modules/events` stores it and streams it over SSE once committed.

/** An event for one recipient. */
export interface EventToPublish {
  workspaceId: string;
  /** The recipient; only this person's streams in this workspace carry it. */
  personId: string;
  /** A stable, dotted name, e.g. `inbox.delivered` (lowercase letters, digits, `.`, `_`, `-`). */
  type: string;
  /** Any JSON-serialisable object; clients receive it as the `payload` member. */
  payload: Record<string, unknown>;
}

/**
 * Publishes events in the caller's transaction: they are stored with it and streamed only if it commits.
 * Publish all of a transaction's events in one call where possible (recipients are locked in a fixed
 * order, see modules/events).
 */
export interface EventPublisher<Tx> {
  publish(tx: Tx, events: EventToPublish | EventToPublish[]): Promise<void>;
}
