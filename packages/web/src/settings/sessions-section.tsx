// My sessions: where I am signed in, this one marked, the others each ended with one button.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { formatDateTime, isoOf } from './when';

/** A short name for a browser from its user agent, the full string kept for the title. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser or app';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Mac OS X/.test(userAgent)
        ? 'macOS'
        : /Windows/.test(userAgent)
          ? 'Windows'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** The sessions section. */
export function SessionsSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const headingId = useId();
  const sessions = useQuery({
    queryKey: queryKeys.mySessions,
    queryFn: async () =>
      expectData(await client.GET('/api/v1/sessions', { params: { query: { limit: 200 } } })).items,
  });
  const end = useMutation({
    mutationFn: async (id: string) =>
      expectData(await client.DELETE('/api/v1/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.mySessions }),
  });
  const list = [...(sessions.data ?? [])].sort(
    (a, b) => Number(b.isCurrent) - Number(a.isCurrent) || b.lastSeenAt - a.lastSeenAt,
  );
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Sessions</h2>
      <p className="hint">Where you are signed in. End a session you do not recognise.</p>
      {sessions.isPending ? <Loading what="Loading your sessions…" /> : null}
      <ErrorMessage error={sessions.error} />
      <ErrorMessage error={end.error} />
      <ul className="item-list settings-list" aria-label="Sessions">
        {list.map((session) => {
          const name = describeUserAgent(session.userAgent);
          return (
            <li key={session.id} className="settings-row">
              <div className="settings-row-text">
                <span className="settings-row-name" title={session.userAgent ?? undefined}>
                  {name}
                  {session.isCurrent ? <span className="settings-badge">This session</span> : null}
                </span>
                <span className="muted">
                  Signed in{' '}
                  <time dateTime={isoOf(session.createdAt)}>{formatDateTime(session.createdAt)}</time> · last
                  seen <time dateTime={isoOf(session.lastSeenAt)}>{formatDateTime(session.lastSeenAt)}</time>
                </span>
              </div>
              {session.isCurrent ? null : (
                <button
                  type="button"
                  disabled={end.isPending && end.variables === session.id}
                  aria-label={`End session ${name}`}
                  onClick={() => end.mutate(session.id)}
                >
                  End session
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
