// How check-ins and asks look through the API: participation as team figures only.
import type { CheckinAskRow, CheckinRoundRow, CheckinRow } from '../../shared/database.js';
import type { CheckinQuestion, CheckinWeekday } from './checkin.domain.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** A check-in as the API shows it. */
export interface CheckinView {
  id: string;
  channelId: string;
  threadId: string;
  title: string;
  questions: CheckinQuestion[];
  weekdays: CheckinWeekday[];
  localTime: string;
  createdBy: string;
  participantCount: number;
  isParticipant: boolean;
  rounds: { date: string; asked: number; answered: number; summary: string; closedAt: string }[];
}

/** One question asked of the caller. */
export interface AskView {
  id: string;
  checkinId: string;
  title: string;
  date: string;
  questions: CheckinQuestion[];
  state: 'held' | 'asked' | 'answered';
  answers: string[] | null;
  askedAt: string;
  deliveredAt: string | null;
}

export function toCheckinView(
  row: CheckinRow,
  participantIds: readonly string[],
  viewerId: string,
  rounds: readonly CheckinRoundRow[],
): CheckinView {
  return {
    id: row.id,
    channelId: row.channelId,
    threadId: row.threadId,
    title: row.title,
    questions: JSON.parse(row.questions) as CheckinQuestion[],
    weekdays: JSON.parse(row.weekdays) as CheckinWeekday[],
    localTime: row.localTime,
    createdBy: row.createdBy,
    participantCount: participantIds.length,
    isParticipant: participantIds.includes(viewerId),
    rounds: rounds.map((r) => ({
      date: r.localDate,
      asked: Number(r.asked),
      answered: Number(r.answered),
      summary: `${Number(r.answered)} of ${Number(r.asked)} answered`,
      closedAt: iso(Number(r.closedAt))!,
    })),
  };
}

export function toAskView(ask: CheckinAskRow, title: string, questions: CheckinQuestion[]): AskView {
  return {
    id: ask.id,
    checkinId: ask.checkinId,
    title,
    date: ask.localDate,
    questions,
    state: ask.state,
    answers: ask.answers === null ? null : (JSON.parse(ask.answers) as string[]),
    askedAt: iso(Number(ask.askedAt))!,
    deliveredAt: iso(ask.deliveredAt),
  };
}
