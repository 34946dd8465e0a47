// Busy times imported from my own calendar (Settings → Calendar): the next two weeks, shown beside my rhythm
// so that I see where meetings already sit. Only the intervals come from the server, never their titles.
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { wallClock } from '../ui/time-format';

const fortnightMs = 14 * 24 * 60 * 60_000;

/** "Busy from your calendar", in my rhythm's time zone. */
export function BusySection({ timeZone }: { timeZone: string }) {
  const id = useId();
  const { client } = useApi();
  const { me } = useSession();
  const personId = me?.person.id;
  const busy = useQuery({
    queryKey: queryKeys.personBusy(personId ?? ''),
    enabled: personId !== undefined,
    queryFn: async () => {
      const from = new Date();
      const to = new Date(from.getTime() + fortnightMs);
      return expectData(
        await client.GET('/api/v1/people/{id}/busy', {
          params: { path: { id: personId! }, query: { from: from.toISOString(), to: to.toISOString() } },
        }),
      );
    },
  });
  const intervals = busy.data?.busy ?? [];
  return (
    <section aria-labelledby={`${id}-heading`} className="rhythm-section">
      <h2 id={`${id}-heading`}>Busy from your calendar</h2>
      <p className="hint">
        The next two weeks of the calendar you import in <Link to="/settings">Settings</Link>, so that you see
        where your other meetings sit. Others see these times as busy, never their titles.
      </p>
      {busy.isPending && personId !== undefined ? <Loading what="Loading your busy times…" /> : null}
      <ErrorMessage error={busy.error} />
      {busy.data && intervals.length === 0 ? (
        <p className="muted">Nothing busy in the next two weeks (or no calendar imported).</p>
      ) : null}
      {intervals.length > 0 ? (
        <ul className="item-list" aria-label="Busy times">
          {intervals.map((interval) => (
            <li key={`${interval.start}-${interval.end}`}>
              Busy {wallClock(interval.start, timeZone)} – {wallClock(interval.end, timeZone)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
