// "Candidate sync windows" on the team time map: the windows fixed in the agreement (and whom they miss),
// weekly patterns proposed from the team's overlap over the next four weeks, and the best single windows,
// ranked, each naming who is left out. Owners and admins fix a pattern or a window into the agreement
// (a new version, with the reason it requires).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { paths } from '@meanwhile/api-client';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { describeDay, describeWindow, localOf } from '../meetings/meeting-time';
import type { SyncWindowRule } from '../meetings/meeting-time';
import { useAgreementTerms } from '../meetings/meetings-api';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

/** The candidates as `GET /api/v1/sync/candidates` answers them. */
export type SyncCandidates = Json<paths['/api/v1/sync/candidates']['get']['responses'][200]>;

type PersonRef = SyncCandidates['windows'][number]['leftOut'][number];

/** How many single windows are listed. */
const windowsShown = 8;

const place = (zone: string) => (zone.split('/').pop() ?? zone).replaceAll('_', ' ');

function leftOutText(leftOut: readonly PersonRef[]): string {
  if (leftOut.length === 0) return 'Everyone is in.';
  return `Left out: ${leftOut.map((p) => `${p.displayName} (${place(p.timeZone)})`).join(', ')}.`;
}

const dayTime = new Map<string, Intl.DateTimeFormat>();

function dayTimeIn(timeZone: string): Intl.DateTimeFormat {
  let format = dayTime.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dayTime.set(timeZone, format);
  }
  return format;
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clockFormats.set(timeZone, format);
  }
  return format;
}

/** A single window as a weekly rule in `timeZone` (its weekday and hours), or null across midnight. */
export function weeklyRuleOf(start: number, end: number, timeZone: string): SyncWindowRule | null {
  const from = localOf(start, timeZone);
  const to = localOf(end, timeZone);
  const endClock = to.date === from.date ? clockIn(timeZone).format(end) : to.minutes === 0 ? '24:00' : null;
  if (endClock === null) return null;
  return { timeZone, day: from.weekday, hours: `${clockIn(timeZone).format(start)}-${endClock}` };
}

/** Adds `rules` to the agreement's sync windows (a new version with the reason), If-Match its version. */
function useFixWindows(onFixed: (version: number) => void) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const agreement = useAgreementTerms();
  return useMutation({
    mutationFn: async ({ rules, reason }: { rules: SyncWindowRule[]; reason: string }) => {
      const current = agreement.data;
      if (!current) throw new Error('The agreement is still loading: try again in a moment.');
      const existing = current.agreement.syncWindows;
      const same = (a: SyncWindowRule, b: SyncWindowRule) =>
        a.timeZone === b.timeZone && a.day === b.day && a.hours === b.hours;
      const added = rules.filter((rule) => !existing.some((e) => same(e, rule)));
      const body = {
        // Every term as read, then the new windows.
        agreement: { ...current.agreement, syncWindows: [...existing, ...added] },
        reason,
      };
      return expectData(
        await client.PUT('/api/v1/agreement', {
          body: body as never,
          params: { header: { 'If-Match': `"${current.version}"` } },
        }),
      );
    },
    // Here, not in `mutate`'s options: the form is gone once the agreement shows the window as fixed.
    onSuccess: async (saved) => {
      onFixed(saved.version);
      queryClient.setQueryData(queryKeys.agreement, saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.agreementVersions }),
        queryClient.invalidateQueries({ queryKey: queryKeys.syncCoverage }),
      ]);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.agreement }),
  });
}

/** "Fix in the agreement": the reason (required, kept with the version), then the change. */
type FixMutation = ReturnType<typeof useFixWindows>;

function FixForm({ what, rules, fix }: { what: string; rules: SyncWindowRule[]; fix: FixMutation }) {
  const id = useId();
  const [reason, setReason] = useState(`Sync window: ${what}`);
  const [isMissing, setMissing] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setMissing(false);
    fix.mutate({ rules, reason: reason.trim() });
  };
  return (
    <form className="sync-fix" onSubmit={submit} aria-label={`Fix ${what} in the agreement`}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why (required, kept with the new version)</label>
        <input
          id={`${id}-reason`}
          maxLength={500}
          aria-required="true"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={isMissing ? true : undefined}
          aria-describedby={isMissing ? `${id}-reason-error` : undefined}
        />
        {isMissing ? (
          <span id={`${id}-reason-error`} className="error" role="alert">
            Say why: the reason is kept with the agreement’s version.
          </span>
        ) : null}
      </div>
      <ErrorMessage error={fix.error} />
      <button type="submit" className="primary" disabled={fix.isPending}>
        Fix in the agreement
      </button>
    </form>
  );
}

/** A candidate with, for owners and admins, its "Fix in the agreement…" action. */
function Fixable({
  what,
  rules,
  canFix,
  fixed,
  fix,
}: {
  what: string;
  rules: SyncWindowRule[] | null;
  canFix: boolean;
  fixed: boolean;
  fix: FixMutation;
}) {
  const [isOpen, setOpen] = useState(false);
  if (fixed) return <p className="sync-fixed">In the agreement.</p>;
  if (!canFix || rules === null) return null;
  return isOpen ? (
    <FixForm what={what} rules={rules} fix={fix} />
  ) : (
    <button type="button" onClick={() => setOpen(true)} aria-label={`Fix in the agreement: ${what}`}>
      Fix in the agreement
    </button>
  );
}

/** The candidate sync windows panel of the team time map, for everyone or a channel's members. */
export function SyncWindowsPanel({ channelId, myZone }: { channelId: string | null; myZone: string }) {
  const headingId = useId();
  const { client } = useApi();
  const { me } = useSession();
  const agreement = useAgreementTerms();
  const [fixedVersion, setFixedVersion] = useState<number | null>(null);
  const fix = useFixWindows(setFixedVersion);
  const canFix = me?.role === 'owner' || me?.role === 'admin';
  const candidates = useQuery({
    queryKey: queryKeys.syncCandidates(channelId, myZone),
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/sync/candidates', {
          params: { query: { timeZone: myZone, ...(channelId ? { channelId } : {}) } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const coverage = useQuery({
    queryKey: queryKeys.syncCoverage,
    queryFn: async () => expectData(await client.GET('/api/v1/sync/coverage')),
  });
  const fixedRules = agreement.data?.agreement.syncWindows ?? [];
  const meetingDays = agreement.data?.agreement.meetingDays ?? [];
  const isFixed = (rules: SyncWindowRule[] | null) =>
    rules !== null &&
    rules.every((rule) =>
      fixedRules.some((f) => f.timeZone === rule.timeZone && f.day === rule.day && f.hours === rule.hours),
    );
  const missedBy = (rule: SyncWindowRule) =>
    coverage.data?.windows.find(
      (w) =>
        w.window.timeZone === rule.timeZone && w.window.day === rule.day && w.window.hours === rule.hours,
    )?.notCovered ?? [];
  const data = candidates.data;

  return (
    <section className="sync-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Candidate sync windows</h2>
      <p className="hint">
        Hours the team keeps for meetings, from everyone’s working hours over the next four weeks (never in
        focus blocks). Meetings outside them need a written reason.
      </p>
      <p role="status" className="sync-status">
        {fixedVersion !== null ? `Fixed in the agreement: version ${fixedVersion}.` : ''}
      </p>

      <h3>Fixed in the agreement</h3>
      <ErrorMessage error={agreement.error} />
      {agreement.data && fixedRules.length === 0 && meetingDays.length === 0 ? (
        <p className="muted">No sync windows are fixed yet: meetings anywhere need a reason.</p>
      ) : null}
      {fixedRules.length > 0 || meetingDays.length > 0 ? (
        <ul className="sync-list" aria-label="Sync windows in the agreement">
          {fixedRules.map((rule) => {
            const missed = missedBy(rule);
            return (
              <li key={`${rule.timeZone}-${rule.day}-${rule.hours}`} className="sync-item">
                <strong>{describeWindow(rule)}</strong>
                {missed.length > 0 ? (
                  <span className="sync-missed">
                    {' '}
                    Not covered by the rhythm of {missed.map((p) => p.displayName).join(', ')}.
                  </span>
                ) : null}
              </li>
            );
          })}
          {meetingDays.map((day) => (
            <li key={`${day.timeZone}-${day.day}-${day.kind}`} className="sync-item">
              <strong>{describeDay(day)}</strong>{' '}
              {day.kind === 'sync' ? 'is a sync day' : 'is a no-meeting day'}
            </li>
          ))}
        </ul>
      ) : null}

      {candidates.isPending ? <Loading what="Finding candidate windows…" /> : null}
      <ErrorMessage error={candidates.error} />
      {data ? (
        <>
          <h3>Weekly patterns</h3>
          {data.patterns.length === 0 ? (
            <p className="muted">No weekly time suits this team: see the single windows below.</p>
          ) : (
            <ol className="sync-list" aria-label="Proposed weekly patterns">
              {data.patterns.map((pattern) => {
                const rules = pattern.days.map((day) => ({
                  timeZone: pattern.timeZone,
                  day,
                  hours: pattern.hours,
                }));
                return (
                  <li key={pattern.label} className="sync-item">
                    <strong>{pattern.label}</strong>
                    <span className="hint">
                      {' '}
                      {pattern.included} of {data.people} people every time, {pattern.occurrences} times in
                      four weeks.
                    </span>
                    <p className="sync-left-out">{leftOutText(pattern.leftOut)}</p>
                    <Fixable
                      what={pattern.label}
                      rules={rules}
                      canFix={canFix}
                      fixed={isFixed(rules)}
                      fix={fix}
                    />
                  </li>
                );
              })}
            </ol>
          )}

          <h3>Best single windows</h3>
          {data.windows.length === 0 ? (
            <p className="muted">No time in the next four weeks when two or more of these people work.</p>
          ) : (
            <ol className="sync-list" aria-label="Candidate windows, best first">
              {data.windows.slice(0, windowsShown).map((window) => {
                const start = Date.parse(window.start);
                const end = Date.parse(window.end);
                const what = `${dayTimeIn(myZone).format(start)}–${clockIn(myZone).format(end)}`;
                const rule = weeklyRuleOf(start, end, myZone);
                return (
                  <li key={window.start} className="sync-item">
                    <strong>{what}</strong> <span className="hint">your time</span>
                    <span className="hint">
                      {' '}
                      · {window.included} of {data.people} people · {Math.round(window.humane * 100)}% humane
                    </span>
                    <p className="sync-left-out">{leftOutText(window.leftOut)}</p>
                    <Fixable
                      what={rule ? `every ${describeWindow(rule)}` : what}
                      rules={rule ? [rule] : null}
                      canFix={canFix}
                      fixed={isFixed(rule ? [rule] : null)}
                      fix={fix}
                    />
                  </li>
                );
              })}
            </ol>
          )}
        </>
      ) : null}
    </section>
  );
}
