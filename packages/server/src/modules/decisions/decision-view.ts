// How a decision looks to one viewer: times in their zone beside the zone that set the close; others'
// responses and the counts hidden until the close when the decision says so.
import { toLocal } from '@meanwhile/time';
import type { DecisionParticipantRow, DecisionResponseRow, DecisionRow } from '../../shared/database.js';
import type { InstantView } from '../../shared/delivery-planner.js';
import { countVotes, decideOutcome, haveAllRequiredResponded } from './decision.domain.js';

const iso = (ms: number) => new Date(ms).toISOString();

function local(timeZone: string, t: number) {
  const l = toLocal(timeZone, t);
  return { date: l.date, time: l.time, timeZone, utcOffsetMinutes: l.offsetMinutes };
}

/** An instant in `theirZone` and in `myZone` (the viewer's). */
export function instantView(t: number, theirZone: string, myZone: string): InstantView {
  return { at: iso(t), epochMs: t, theirs: local(theirZone, t), mine: local(myZone, t) };
}

/** A response as the API shows it. */
export interface ResponseView {
  kind: DecisionResponseRow['kind'];
  option: number | null;
  reason: string | null;
  at: string;
}

/** Everything a view needs besides the rows. */
export interface ViewContext {
  viewerId: string;
  zoneOf: (personId: string) => string;
  nameOf: (personId: string) => string;
}

const toResponse = (r: DecisionResponseRow): ResponseView => ({
  kind: r.kind,
  option: r.optionIndex,
  reason: r.reason,
  at: iso(r.updatedAt),
});

/** Whether others' responses and the counts are hidden now. */
export const areResponsesHidden = (d: DecisionRow) => d.hideVotes === 1 && d.state === 'open';

/** The outcome in words. */
export function outcomeText(d: DecisionRow): string {
  if (d.outcome === 'adopted') return 'adopted (nobody blocked)';
  if (d.outcome === 'blocked') return 'blocked';
  if (d.outcome === 'chosen') return (JSON.parse(d.options) as string[])[d.chosenOption!] ?? '';
  return '';
}

/** Why the decision closes when it does. */
export function closeReason(d: DecisionRow, ctx: ViewContext): string {
  const hours = `${d.windowHours} of their working hours`;
  const setter =
    d.closeSetBy === null
      ? ''
      : `; ${ctx.nameOf(d.closeSetBy)}'s rhythm (${ctx.zoneOf(d.closeSetBy)}) sets the close`;
  if (d.closesAt > d.fairClosesAt)
    return `Closes at the explicit deadline, later than the fair close (${iso(d.fairClosesAt)}), so that everyone gets at least ${hours}${setter}.`;
  return `Closes so that everyone gets ${hours}${setter}.`;
}

/** The decision as `ctx.viewerId` sees it. */
export function toDecisionView(
  d: DecisionRow,
  participants: readonly DecisionParticipantRow[],
  responses: readonly DecisionResponseRow[],
  ctx: ViewContext,
) {
  const myZone = ctx.zoneOf(ctx.viewerId);
  const hidden = areResponsesHidden(d);
  const options = JSON.parse(d.options) as string[];
  const counts = countVotes(options.length, responses);
  const byPerson = new Map(responses.map((r) => [r.personId, r]));
  const mine = byPerson.get(ctx.viewerId);
  const view = (t: number, theirs: string): InstantView => instantView(t, theirs, myZone);
  const required = participants.filter((p) => p.isRequired === 1).map((p) => p.personId);
  const tie = d.state === 'awaiting_tiebreak' ? decideOutcome(d.mode, options.length, responses) : null;
  return {
    id: d.id,
    threadId: d.threadId,
    channelId: d.channelId,
    postId: d.postId,
    question: d.question,
    mode: d.mode,
    options: options.map((text, index) => ({ index, text, votes: hidden ? null : counts[index]! })),
    hideVotesUntilClose: d.hideVotes === 1,
    deciderId: d.deciderId,
    openedBy: d.openedBy,
    windowHours: d.windowHours,
    openedAt: iso(d.openedAt),
    closesAt: view(d.closesAt, d.closeSetBy === null ? myZone : ctx.zoneOf(d.closeSetBy)),
    fairClosesAt: iso(d.fairClosesAt),
    closeSetBy: d.closeSetBy,
    closeReason: closeReason(d, ctx),
    state: d.state,
    tiedOptions: tie && tie.outcome === 'tie' ? tie.tied : null,
    outcome: d.outcome === null ? null : { result: d.outcome, option: d.chosenOption, text: outcomeText(d) },
    closedAt: d.closedAt === null ? null : iso(d.closedAt),
    closedEarly: d.closedEarly === 1,
    outcomePostId: d.outcomePostId,
    participants: participants.map((p) => {
      const r = byPerson.get(p.personId);
      const isShown = r !== undefined && (!hidden || p.personId === ctx.viewerId);
      return {
        personId: p.personId,
        isRequired: p.isRequired === 1,
        windowEndsAt: p.windowEndsAt === null ? null : view(p.windowEndsAt, ctx.zoneOf(p.personId)),
        hasResponded: r !== undefined,
        response: isShown ? toResponse(r) : null,
      };
    }),
    myResponse: mine ? toResponse(mine) : null,
    canCloseEarly:
      d.state === 'open' && d.deciderId === ctx.viewerId && haveAllRequiredResponded(required, responses),
  };
}

/** A decision as its viewer sees it. */
export type DecisionView = ReturnType<typeof toDecisionView>;
