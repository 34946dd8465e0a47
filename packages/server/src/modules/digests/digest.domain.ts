import { isWorking, localToInstant, nextWorkingStart, toLocal } from '@meanwhile/time';
import type { Rhythm } from '@meanwhile/time';

/** What the digest's slot maths needs of a person. */
export interface DigestProfile {
  timeZone: string;
  /** Working hours less time off: a digest time outside them moves to the next start of work. */
  present: Rhythm;
}

/** One delivered item as a digest lists it. */
export interface DigestItem {
  kind: 'post' | 'reminder' | 'checkin';
  threadTitle: string;
  authorName: string;
  deliveredAt: number;
  ask: { level: string; dueAt: number | null } | null;
  interrupt: { reason: string; isEmergency: boolean } | null;
}

/** A check-in round closed since the last digest: team figures and blockers, never who answered. */
export interface DigestRound {
  title: string;
  date: string;
  asked: number;
  answered: number;
  blockers: string[];
}

/** A decision closed since the last digest. */
export interface DigestDecision {
  question: string;
  /** What it came to ("adopted (nobody blocked)", "blocked", or the chosen option). */
  outcome: string;
  closedAt: number;
  /** Where to read it (the decision's thread). */
  url: string;
}

/** The text of one digest. */
export interface DigestContent {
  subject: string;
  text: string;
  html: string;
}

const dayMs = 86_400_000;
/** How many items a digest lists; the rest are counted. */
export const maxDigestItems = 50;
/** How long a title, name or reason may be in a digest before it is cut. */
const maxFieldLength = 200;

/**
 * The first digest slot strictly after `after`: each of the agreement's `digestTimes` as a local time in
 * the person's zone on the coming days, moved to the next start of work when it falls outside working
 * hours (or in time off). Null when no slot exists within the horizon (no working hours).
 */
export function nextDigestSlot(
  profile: DigestProfile,
  digestTimes: readonly string[],
  after: number,
): number | null {
  const today = toLocal(profile.timeZone, after).date;
  const startDay = Date.parse(`${today}T00:00:00Z`);
  let best: number | null = null;
  for (let d = -1; d <= 8; d += 1) {
    const date = new Date(startDay + d * dayMs).toISOString().slice(0, 10);
    for (const time of digestTimes) {
      const [h, m] = time.split(':').map(Number);
      const at = localToInstant(profile.timeZone, date, h! * 60 + m!);
      const slot = isWorking(profile.present, at) ? at : nextWorkingStart(profile.present, at);
      if (slot !== null && slot > after && (best === null || slot < best)) best = slot;
    }
  }
  return best;
}

// Bidi overrides and isolates (Trojan Source), and every control character but none we keep.
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * A user-supplied string made safe for one line of a mail: bidi controls removed, CR, LF and other
 * control characters turned into a space (no header or line injection), cut to a bounded length.
 */
export function neutralize(value: string, max = maxFieldLength): string {
  const line = value.replace(bidiControls, '').replace(controls, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Escapes a string for HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const localTime = (timeZone: string, t: number) => {
  const local = toLocal(timeZone, t);
  return `${local.weekday} ${local.date} ${local.time}`;
};

/** How many blockers of one round a digest quotes; the rest are counted. */
const maxBlockers = 10;

function describeRound(round: DigestRound): { title: string; details: string[] } {
  const details = [`${round.answered} of ${round.asked} answered`];
  for (const blocker of round.blockers.slice(0, maxBlockers)) details.push(`blocker: ${neutralize(blocker)}`);
  if (round.blockers.length > maxBlockers)
    details.push(`… and ${round.blockers.length - maxBlockers} more blockers`);
  return { title: `Check-in: ${neutralize(round.title)} — ${round.date}`, details };
}

function describeDecision(d: DigestDecision, timeZone: string): { title: string; details: string[] } {
  return {
    title: `Decision: ${neutralize(d.question)}`,
    details: [`outcome: ${neutralize(d.outcome)}`, `closed ${localTime(timeZone, d.closedAt)}`, d.url],
  };
}

function describeItem(item: DigestItem, timeZone: string): { title: string; details: string[] } {
  const details = [
    `from ${neutralize(item.authorName)}`,
    `delivered ${localTime(timeZone, item.deliveredAt)}`,
  ];
  if (item.kind === 'reminder') details.push('reminder: a reply is overdue');
  if (item.kind === 'checkin') details.push('check-in: questions for you to answer');
  if (item.ask)
    details.push(
      item.ask.dueAt === null
        ? `asks you (${item.ask.level})`
        : `asks you (${item.ask.level}), due ${localTime(timeZone, item.ask.dueAt)}`,
    );
  if (item.interrupt)
    details.push(
      `${item.interrupt.isEmergency ? 'emergency' : 'interrupt'}: ${neutralize(item.interrupt.reason)}`,
    );
  return { title: neutralize(item.threadTitle), details };
}

/**
 * Writes a digest's subject, text and HTML. Every user-supplied string is neutralised (and escaped in the
 * HTML); times are shown in the recipient's zone.
 */
export function composeDigest(input: {
  workspaceName: string;
  recipientName: string;
  timeZone: string;
  items: readonly DigestItem[];
  total: number;
  unsubscribeUrl: string;
  settingsUrl: string;
  /** Check-in rounds of the recipient's check-ins closed since the last digest. */
  rounds?: readonly DigestRound[];
  /** Decisions the recipient took part in, closed since the last digest. */
  decisions?: readonly DigestDecision[];
}): DigestContent {
  const { timeZone, items, total } = input;
  const rounds = input.rounds ?? [];
  const decisions = input.decisions ?? [];
  const workspace = neutralize(input.workspaceName, 80);
  const subject = `${total + rounds.length + decisions.length} new in ${workspace} — Meanwhile digest`;
  const described = [
    ...rounds.map(describeRound),
    ...decisions.map((d) => describeDecision(d, timeZone)),
    ...items.map((item) => describeItem(item, timeZone)),
  ];
  const more = total - items.length;
  const greeting = `Hello ${neutralize(input.recipientName)}, here is what reached you in ${workspace} (times in ${timeZone}).`;
  const text = [
    greeting,
    '',
    ...described.flatMap((d) => [`* ${d.title}`, ...d.details.map((line) => `  ${line}`)]),
    ...(more > 0 ? [`… and ${more} more in your inbox.`] : []),
    '',
    `Unsubscribe from these digests: ${input.unsubscribeUrl}`,
    `Digest settings: ${input.settingsUrl}`,
    '',
  ].join('\n');
  const li = described
    .map(
      (d) =>
        `<li><strong>${escapeHtml(d.title)}</strong><br>${d.details.map((line) => escapeHtml(line)).join('<br>')}</li>`,
    )
    .join('\n');
  const html = [
    '<!doctype html><html><body>',
    `<p>${escapeHtml(greeting)}</p>`,
    `<ul>\n${li}\n</ul>`,
    more > 0 ? `<p>… and ${more} more in your inbox.</p>` : '',
    `<p><a href="${escapeHtml(input.unsubscribeUrl)}">Unsubscribe from these digests</a> · `,
    `<a href="${escapeHtml(input.settingsUrl)}">Digest settings</a></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
