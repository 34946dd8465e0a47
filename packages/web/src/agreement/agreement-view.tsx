// The agreement as a document: the terms the tool enforces, each in words, and any term this app does not
// know yet (the server grows new ones) rendered generically, as text.
import type { ReactNode } from 'react';

/** An agreement as the API answers it; typed loosely so that fields added on the server show too. */
export type AgreementTerms = Record<string, unknown>;

const list = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });

const roleNames: Record<string, string> = {
  owner: 'owners',
  admin: 'admins',
  member: 'members',
  guest: 'guests',
};

/** Words for the keys this app knows; others get their camelCase split ("syncWindows" → "Sync windows"). */
export const termLabels: Record<string, string> = {
  replyWindows: 'Reply windows',
  interruptionBudget: 'Interruption budget',
  emergencyRoles: 'Who may send emergencies',
  allowChannelMentions: 'Whole-channel mentions',
  digestTimes: 'Digest times',
  meetingNoticeHours: 'Meeting notice',
  decisionWindowHours: 'Decision window',
  syncWindows: 'Sync windows',
  meetingDays: 'Meeting days',
};

/** "Sync windows" for `syncWindows`. */
export function labelOf(key: string): string {
  if (termLabels[key]) return termLabels[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const weekdayFormat = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' });

/** "Tuesday" for the API's `tue` (from Intl); anything else as it came. */
const dayNames: Record<string, string> = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((key, i) => [
    key,
    weekdayFormat.format(Date.UTC(2024, 0, 1 + i)),
  ]),
);

const hours = (n: unknown) => (n === 1 ? '1 working hour' : `${String(n)} working hours`);

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Any JSON value as text: lists for arrays, "key: value" for objects; never HTML. */
export function GenericValue({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <span className="muted">none</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((item) => item === null || typeof item !== 'object'))
      return list.format(value.map(String));
    return (
      <ul>
        {value.map((item, i) => (
          <li key={i}>
            <GenericValue value={item} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.every(([, v]) => v === null || typeof v !== 'object')) {
    return entries.map(([k, v]) => `${labelOf(k)}: ${v === null ? 'none' : String(v)}`).join(' · ');
  }
  return (
    <dl>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{labelOf(k)}</dt>
          <dd>
            <GenericValue value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ReplyWindows({ value }: { value: unknown }) {
  const windows = (value ?? {}) as Record<string, unknown>;
  return (
    <ul>
      {Object.entries(windows).map(([level, window]) => (
        <li key={level}>
          <strong>{level}</strong>:{' '}
          {window === null ? 'no reply expected' : `a reply within ${hours(window)} of the recipient`}
        </li>
      ))}
    </ul>
  );
}

/** How each known term reads; the others go through {@link GenericValue}. */
const knownTerms: Record<string, (value: unknown) => ReactNode> = {
  replyWindows: (value) => <ReplyWindows value={value} />,
  interruptionBudget: (value) => `${String(value)} interrupts per person per week`,
  emergencyRoles: (value) =>
    Array.isArray(value) && value.length > 0
      ? `${capitalise(list.format(value.map((role) => roleNames[String(role)] ?? String(role))))} may send an emergency, which reaches people even on time off`
      : 'Nobody may send emergencies',
  allowChannelMentions: (value) =>
    value ? 'Allowed: @channel and @all reach everyone in a channel' : 'Not allowed: mention people by name',
  digestTimes: (value) =>
    Array.isArray(value) && value.length > 0
      ? `At ${list.format(value.map(String))}, each person's local time`
      : 'None',
  meetingNoticeHours: (value) =>
    `Meetings are requested at least ${hours(value)} ahead, in each invitee's time`,
  decisionWindowHours: (value) =>
    `A decision stays open until each required participant has had ${hours(value)} to weigh in`,
  syncWindows: (value) =>
    Array.isArray(value) && value.length > 0 ? (
      <ul>
        {value.map((window, i) => {
          const w = window as { day?: unknown; hours?: unknown; timeZone?: unknown };
          return (
            <li key={i}>
              {dayNames[String(w.day)] ?? String(w.day ?? '')} {String(w.hours ?? '').replace('-', '–')} (
              {String(w.timeZone ?? '').replaceAll('_', ' ')} time)
            </li>
          );
        })}
      </ul>
    ) : (
      'None fixed yet'
    ),
};

/** The agreement's terms, a `<dl>`: each known term in words, then the unknown ones. */
export function AgreementTermsList({ terms }: { terms: AgreementTerms }) {
  const keys = [
    ...Object.keys(knownTerms).filter((key) => key in terms),
    ...Object.keys(terms).filter((key) => !(key in knownTerms)),
  ];
  return (
    <dl>
      {keys.map((key) => (
        <div key={key} className="agreement-term">
          <dt>{labelOf(key)}</dt>
          <dd>{knownTerms[key] ? knownTerms[key](terms[key]) : <GenericValue value={terms[key]} />}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The top-level terms that differ between two versions, by label. */
export function changedTerms(before: AgreementTerms, after: AgreementTerms): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map(labelOf);
}
