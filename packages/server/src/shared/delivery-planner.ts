// Delivery as the posts module sees it: after writing a post, the posts service hands it to a
// DeliveryPlanner (implemented by modules/deliveries, injected by buildApp) in the same transaction, and
// gets back when it lands for each recipient. Kept here so that posts needs no import of deliveries.
import { z } from 'zod';
import type { Caller } from './caller.js';

/** Ask levels: `today`, `soon` and `normal` expect a reply within the agreement's window; `fyi` does not. */
export const askLevels = ['today', 'soon', 'normal', 'fyi'] as const;
/** An ask level. */
export type AskLevel = (typeof askLevels)[number];

/** A named person's reply requested in a post. */
export interface AskRequest {
  personId: string;
  level: AskLevel;
}

/** A post sent as an interrupt: at once, ignoring rhythm, with a written reason. */
export interface InterruptRequest {
  reason: string;
  /** Also through time off; only the roles the agreement names may send one. */
  emergency?: boolean | undefined;
}

/** A post just written, as the planner needs it. */
export interface PostedMessage {
  postId: string;
  threadId: string;
  channelId: string;
  mentions: readonly string[];
  asks: readonly AskRequest[];
  interrupt?: InterruptRequest | undefined;
}

/** An instant as the recipient and the author read it. */
export const instantViewSchema = z.object({
  at: z.string().describe('ISO 8601, UTC.'),
  epochMs: z.number().int(),
  theirs: z
    .object({ date: z.string(), time: z.string(), timeZone: z.string(), utcOffsetMinutes: z.number().int() })
    .describe("The recipient's local date and time."),
  mine: z
    .object({ date: z.string(), time: z.string(), timeZone: z.string(), utcOffsetMinutes: z.number().int() })
    .describe("The author's (or viewer's) local date and time."),
});
/** An instant as the recipient and the author read it. */
export type InstantView = z.infer<typeof instantViewSchema>;

/** When a post lands for one recipient and, for an ask, when the reply is due. */
export const recipientLandingSchema = z.object({
  personId: z.string(),
  reasons: z.array(z.enum(['follower', 'mentioned', 'asked'])),
  landsAt: instantViewSchema.nullable().describe('Null while no delivery slot starts within 400 days.'),
  heldReason: z.string().nullable(),
  interrupt: z.enum(['interrupt', 'emergency']).nullable().describe('Delivered at once, ignoring rhythm.'),
  ask: z
    .object({
      level: z.enum(askLevels),
      state: z.enum(['open', 'answered', 'declined']),
      dueAt: instantViewSchema
        .nullable()
        .describe('Null for `fyi`, or without working time within 400 days.'),
    })
    .nullable(),
});
/** When a post lands for one recipient. */
export type RecipientLanding = z.infer<typeof recipientLandingSchema>;

/**
 * Plans the deliveries of a post inside the transaction that wrote it (see modules/deliveries).
 * `Channel` is the channel as the posts module loaded it for the caller.
 */
export interface DeliveryPlanner<Tx, Channel> {
  /**
   * Creates a delivery per recipient (followers, mentioned, asked; never the author), the asks and the
   * interrupt, closes the author's open asks in the thread (a reply answers them), and returns the landings.
   */
  planPost(tx: Tx, caller: Caller, channel: Channel, posted: PostedMessage): Promise<RecipientLanding[]>;
}
