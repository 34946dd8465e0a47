// The workspace's decision log (route `/decisions`): closed decisions I can see, newest first, filtered by
// words of the question and the dates they closed, with a CSV or markdown export.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import { useMyTimeZone } from '../inbox/inbox-data';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { TextField } from '../ui/text-field';
import { viewerTimeZone } from '../ui/time-format';
import { DecisionExport } from './decision-export';
import { dateAndTime, localInputToIso } from './decision-time';
import type { LogEntry, LogFilters } from './types';

const pageSize = 50;

/** The start of the day after `date` (YYYY-MM-DD) in my zone, so that "closed by" includes that day. */
function dayAfter(date: string): string | undefined {
  const start = localInputToIso(`${date}T00:00`);
  if (!start) return undefined;
  const next = new Date(start);
  next.setDate(next.getDate() + 1);
  return next.toISOString();
}

function toFilters(form: { q: string; from: string; to: string }): LogFilters {
  const from = form.from ? localInputToIso(`${form.from}T00:00`) : undefined;
  const to = form.to ? dayAfter(form.to) : undefined;
  return { ...(form.q.trim() ? { q: form.q.trim() } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function useDecisionLog(filters: LogFilters) {
  const { client } = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.decisionLog(filters.q ?? '', filters.from ?? '', filters.to ?? ''),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      expectData(
        await client.GET('/api/v1/decision-log', {
          params: { query: { limit: pageSize, ...filters, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

function Entry({ entry, zone }: { entry: LogEntry; zone: string }) {
  return (
    <li className="decision-log-entry">
      <h2 className="decision-log-question">
        <Link to={entry.link}>{entry.question}</Link>
      </h2>
      <p>
        <strong>Outcome:</strong> {entry.outcome}
      </p>
      <p className="muted">
        {entry.mode === 'consent' ? 'Consent' : 'Vote'} · decider {entry.decider} · took part:{' '}
        {entry.tookPart.map((p) => p.displayName).join(', ') || 'nobody'}
      </p>
      <p className="muted">
        Opened <time dateTime={entry.openedAt}>{dateAndTime(entry.openedAt, zone)}</time> · closed{' '}
        <time dateTime={entry.closedAt}>{dateAndTime(entry.closedAt, zone)}</time>
      </p>
    </li>
  );
}

/** The decision log screen. */
export function DecisionLogScreen() {
  const [form, setForm] = useState({ q: '', from: '', to: '' });
  const [filters, setFilters] = useState<LogFilters>({});
  const log = useDecisionLog(filters);
  const zone = useMyTimeZone() ?? viewerTimeZone();
  const entries = log.data?.pages.flatMap((page) => page.items) ?? [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(toFilters(form));
  };
  return (
    <section className="screen decision-log">
      <ScreenHeading title="Decision log">Decision log</ScreenHeading>
      <p className="muted">
        Every closed decision you can see, newest first, with its outcome and who took part.
      </p>
      <form
        role="search"
        aria-label="Filter the decision log"
        className="decision-log-filters"
        onSubmit={submit}
      >
        <TextField
          label="Question contains"
          value={form.q}
          maxLength={200}
          onChange={(e) => setForm({ ...form, q: e.target.value })}
        />
        <TextField
          label="Closed from"
          type="date"
          value={form.from}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        />
        <TextField
          label="Closed by"
          type="date"
          value={form.to}
          onChange={(e) => setForm({ ...form, to: e.target.value })}
        />
        <button type="submit">Filter</button>
      </form>
      <DecisionExport filters={filters} />
      {log.isPending ? <Loading what="Loading the decisions…" /> : null}
      <ErrorMessage error={log.error} />
      {log.isSuccess && entries.length === 0 ? <p className="muted">No closed decisions match.</p> : null}
      <ul className="decision-log-list" aria-label="Decisions">
        {entries.map((entry) => (
          <Entry key={entry.id} entry={entry} zone={zone} />
        ))}
      </ul>
      {log.hasNextPage ? (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Show older decisions
        </button>
      ) : null}
    </section>
  );
}
