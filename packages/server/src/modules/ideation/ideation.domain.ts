// The pure rules of ideation rounds: when a round reveals, how dots may be spent, and the order of results.
import { HORIZON_MS, addWorkingTime } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** Dots each participant gets unless the round says otherwise. */
export const defaultDotsPerPerson = 3;
/** The most dots a round may give each participant. */
export const maxDotsPerPerson = 20;
/** The most participants of a round. */
export const maxParticipants = 200;
/** The longest prompt and idea, in characters. */
export const maxPromptLength = 2_000;
export const maxIdeaLength = 4_000;

const HOUR_MS = 3_600_000;

/**
 * The fair reveal: the latest of `addWorkingTime(present_i, openedAt, window)` over the participants, so that
 * every participant gets `windowHours` of their own working time (time off pauses their clock). A
 * participant without that much working time within the horizon counts as `openedAt + HORIZON_MS`.
 *
 * @example fairRevealAt([ana.present, ben.present], Date.now(), 16) // when both had 16 working hours
 */
export function fairRevealAt(present: readonly Rhythm[], openedAt: number, windowHours: number): number {
  let latest = openedAt;
  for (const rhythm of present) {
    const at = addWorkingTime(rhythm, openedAt, windowHours * HOUR_MS) ?? openedAt + HORIZON_MS;
    if (at > latest) latest = at;
  }
  return latest;
}

/** Whether a round has revealed at `now`. */
export function isRevealed(round: { revealAt: number }, now: number): boolean {
  return now >= round.revealAt;
}

/** Why a dot change is refused, or null when it may be made. */
export function dotRefusal(
  rules: { dotsPerPerson: number; allowsStacking: boolean },
  usedBefore: number,
  onIdeaBefore: number,
  onIdeaAfter: number,
): string | null {
  if (!rules.allowsStacking && onIdeaAfter > 1) return 'this round allows one dot per idea';
  const used = usedBefore - onIdeaBefore + onIdeaAfter;
  if (used > rules.dotsPerPerson)
    return `you have ${rules.dotsPerPerson - usedBefore + onIdeaBefore} of ${rules.dotsPerPerson} dots left for this idea`;
  return null;
}

/** Results order: most dots first, then the earlier idea, then the id (a total order). */
export function compareResults(
  a: { dots: number; createdAt: number; id: string },
  b: { dots: number; createdAt: number; id: string },
): number {
  return b.dots - a.dots || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
