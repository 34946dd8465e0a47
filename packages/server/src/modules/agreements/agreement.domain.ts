// The team's working agreement: its shape, its defaults, how a channel's overrides apply, and how it reads
// as the "How we work" document.
import type { Role } from '../../shared/database.js';

/** Ask levels that expect a reply, with a reply window in working hours. */
export const replyLevels = ['today', 'soon', 'normal'] as const;
/** An ask level with a reply window. */
export type ReplyLevel = (typeof replyLevels)[number];

/** Reply windows in working hours; `fyi` expects no reply, so it has none. */
export type ReplyWindows = Record<ReplyLevel, number> & { fyi: null };

/** A recurring time reserved for synchronous work. */
export interface SyncWindow {
  timeZone: string;
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  /** Local `HH:MM-HH:MM`. */
  hours: string;
}

/**
 * A whole weekday marked for meetings: a `sync` day counts as one sync window from 00:00 to 24:00 in its
 * zone; on a `no-meeting` day every meeting needs a written reason, even inside a sync window.
 */
export interface MeetingDay {
  timeZone: string;
  day: SyncWindow['day'];
  kind: 'sync' | 'no-meeting';
}

/** The agreement of a workspace. */
export interface Agreement {
  replyWindows: ReplyWindows;
  /** Interrupts each person may send per week. */
  interruptionBudget: number;
  /** Roles that may send an emergency through someone's time off. */
  emergencyRoles: Role[];
  /** Whether a post may mention a whole channel. */
  allowChannelMentions: boolean;
  /** Local `HH:MM` times at which digests go out. */
  digestTimes: string[];
  /** Notice a meeting gives each invitee, in the invitee's working hours. */
  meetingNoticeHours: number;
  /** How long a decision stays open by default, in each participant's working hours. */
  decisionWindowHours: number;
  syncWindows: SyncWindow[];
  /** Sync days and no-meeting days. */
  meetingDays: MeetingDay[];
}

/** A channel's overrides of the reply windows. */
export type ReplyWindowOverrides = Partial<Record<ReplyLevel, number>>;

/** The longest reply window, meeting notice or decision window, in working hours. */
export const maxWindowHours = 1000;
/** The largest weekly interruption budget. */
export const maxInterruptionBudget = 100;

/** The agreement of a workspace that never changed it. */
export function defaultAgreement(): Agreement {
  return {
    replyWindows: { today: 4, soon: 8, normal: 24, fyi: null },
    interruptionBudget: 2,
    emergencyRoles: ['owner', 'admin'],
    allowChannelMentions: false,
    digestTimes: ['09:00'],
    meetingNoticeHours: 16,
    decisionWindowHours: 16,
    syncWindows: [],
    meetingDays: [],
  };
}

/** The agreement with a channel's reply-window overrides applied. */
export function withOverrides(agreement: Agreement, overrides: ReplyWindowOverrides): Agreement {
  return { ...agreement, replyWindows: { ...agreement.replyWindows, ...overrides, fyi: null } };
}

/** Sorted, unique local times: equal agreements are stored alike. */
export function normalizeTimes(times: readonly string[]): string[] {
  return [...new Set(times)].sort();
}

const hours = (n: number) => `${n} working hour${n === 1 ? '' : 's'}`;
const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '));
// Markdown-special characters in values the agreement stores as free text (none today but zone names).
const escape = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

/** The agreement as a plain "How we work" document in markdown. */
export function renderAgreement(
  agreement: Agreement,
  meta: { version: number; changedAt: number | null },
): string {
  const w = agreement.replyWindows;
  const lines = [
    '# How we work',
    '',
    'This is our working agreement. Meanwhile follows it: it delivers posts in each person’s working hours and counts reply times in the recipient’s working time.',
    '',
    '## Asks and reply windows',
    '',
    `- **today**: a reply within ${hours(w.today)}`,
    `- **soon**: a reply within ${hours(w.soon)}`,
    `- **normal**: a reply within ${hours(w.normal)}`,
    '- **fyi**: no reply expected',
    '',
    'A channel may set its own reply windows.',
    '',
    '## Interruptions',
    '',
    `Each of us may interrupt someone (deliver a post at once, with a written reason) ${agreement.interruptionBudget} time${agreement.interruptionBudget === 1 ? '' : 's'} a week. Time off is never interrupted, except by an emergency from: ${list(agreement.emergencyRoles.map((r) => `${r}s`))}.`,
    '',
    `Mentioning a whole channel is ${agreement.allowChannelMentions ? 'allowed' : 'not allowed'}.`,
    '',
    '## Digests, meetings and decisions',
    '',
    `- Digests go out at ${list(agreement.digestTimes)}, each person’s local time.`,
    `- A meeting gives each invitee at least ${hours(agreement.meetingNoticeHours)} of notice.`,
    `- A decision stays open for ${hours(agreement.decisionWindowHours)} of each participant by default.`,
    `- Sync windows: ${list(agreement.syncWindows.map((s) => `${s.day} ${s.hours} (${escape(s.timeZone)})`))}.`,
    `- Sync days: ${list(agreement.meetingDays.filter((d) => d.kind === 'sync').map((d) => `${d.day} (${escape(d.timeZone)})`))}; no-meeting days: ${list(agreement.meetingDays.filter((d) => d.kind === 'no-meeting').map((d) => `${d.day} (${escape(d.timeZone)})`))}.`,
    '',
    '---',
    '',
    meta.changedAt === null
      ? 'Version 0: the defaults; nobody has changed them yet.'
      : `Version ${meta.version}, changed ${new Date(meta.changedAt).toISOString().slice(0, 10)}.`,
  ];
  return `${lines.join('\n')}\n`;
}
