// The rules of a decision, pure: the fair close over the required participants' own working time, each
// participant's reminder instant, and the outcome from the responses.
import { addWorkingTime } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

const hourMs = 3_600_000;

/** Share of a participant's own window after which their one reminder comes. */
export const reminderShare = 0.75;
/** Most options of a vote. */
export const maxOptions = 20;
/** Most participants of a decision (required and optional). */
export const maxParticipants = 100;

/** A participant's working time as the close counts it (working hours less time off; focus counts). */
export interface ParticipantTime {
  personId: string;
  present: Rhythm;
}

/** Where each required participant's own window ends, the latest of them, and whose it is. */
export interface FairClose {
  closesAt: number;
  /** The required participant whose own window ends last (the first of them, in the order given). */
  setBy: string;
  /** Each participant's own window end and reminder instant. */
  windows: Map<string, { endsAt: number; remindAt: number }>;
}

/**
 * The fair close of a decision opened at `openedAt` with a window of `windowHours` working hours: the
 * latest of `addWorkingTime(present_i, openedAt, window)` over the required participants, so that each of
 * them gets at least the window in their own working time and the one who sets it exactly that. Returns
 * the participants without working time within 400 days instead, when there are any.
 *
 * @example
 * fairClose([{ personId: 'ana', present }], Date.UTC(2027, 0, 4, 8), 16); // Ana's 16th working hour
 */
export function fairClose(
  required: readonly ParticipantTime[],
  openedAt: number,
  windowHours: number,
): FairClose | { withoutTime: string[] } {
  const windows = new Map<string, { endsAt: number; remindAt: number }>();
  const withoutTime: string[] = [];
  let latest: { at: number; personId: string } | null = null;
  for (const p of required) {
    const endsAt = addWorkingTime(p.present, openedAt, windowHours * hourMs);
    const remindAt = addWorkingTime(p.present, openedAt, Math.round(windowHours * hourMs * reminderShare));
    if (endsAt === null || remindAt === null) {
      withoutTime.push(p.personId);
      continue;
    }
    windows.set(p.personId, { endsAt, remindAt });
    if (latest === null || endsAt > latest.at) latest = { at: endsAt, personId: p.personId };
  }
  if (withoutTime.length > 0 || latest === null) return { withoutTime };
  return { closesAt: latest.at, setBy: latest.personId, windows };
}

/** A participant's current response. */
export interface Response {
  personId: string;
  kind: 'consent' | 'block' | 'vote';
  optionIndex: number | null;
}

/** What a closing decision comes to. */
export type Outcome =
  | { outcome: 'adopted' | 'blocked'; chosenOption: null }
  | { outcome: 'chosen'; chosenOption: number }
  /** A vote whose top options are tied: the decider picks one of `tied`. */
  | { outcome: 'tie'; tied: number[] };

/** Votes per option, in option order. */
export function countVotes(optionCount: number, responses: readonly Response[]): number[] {
  const counts = new Array<number>(optionCount).fill(0);
  for (const r of responses)
    if (r.kind === 'vote' && r.optionIndex !== null && r.optionIndex < optionCount)
      counts[r.optionIndex]! += 1;
  return counts;
}

/**
 * The outcome: consent is adopted unless someone blocks; a vote chooses the option with the most votes,
 * and a tie at the top (no votes at all included) waits for the decider.
 */
export function decideOutcome(
  mode: 'consent' | 'vote',
  optionCount: number,
  responses: readonly Response[],
): Outcome {
  if (mode === 'consent')
    return { outcome: responses.some((r) => r.kind === 'block') ? 'blocked' : 'adopted', chosenOption: null };
  const counts = countVotes(optionCount, responses);
  const top = Math.max(...counts);
  const tied = counts.flatMap((n, i) => (n === top ? [i] : []));
  return tied.length === 1 ? { outcome: 'chosen', chosenOption: tied[0]! } : { outcome: 'tie', tied };
}

/** Whether every required participant has responded (the decider may then close early). */
export function haveAllRequiredResponded(
  requiredIds: readonly string[],
  responses: readonly Response[],
): boolean {
  const responded = new Set(responses.map((r) => r.personId));
  return requiredIds.every((id) => responded.has(id));
}
