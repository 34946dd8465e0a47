// One check-in (route `/checkins/:checkinId`): its questions, days and local time, and each closed round's
// team figures ("7 of 9 answered"), never who answered.
import { useQuery } from '@tanstack/react-query';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import type { ScreenProps } from '../app/routes';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';

const weekdayNames: Record<string, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The check-in screen. */
export function CheckinScreen({ params }: ScreenProps) {
  const id = params.checkinId ?? '';
  const { client } = useApi();
  const checkin = useQuery({
    queryKey: queryKeys.checkin(id),
    queryFn: async () => expectData(await client.GET('/api/v1/checkins/{id}', { params: { path: { id } } })),
  });
  if (checkin.isPending) return <Loading />;
  if (checkin.isError) return <ErrorMessage error={checkin.error} />;
  const data = checkin.data;
  return (
    <section className="screen checkin">
      <p className="breadcrumb">
        <Link to="/checkins">Your check-ins</Link> ·{' '}
        <Link to={`/threads/${encodeURIComponent(data.threadId)}`}>The check-in’s thread</Link>
      </p>
      <ScreenHeading title={data.title}>{data.title}</ScreenHeading>
      <p>
        Asked of {data.participantCount} {data.participantCount === 1 ? 'person' : 'people'} at{' '}
        {data.localTime} in each one’s own time, on{' '}
        {data.weekdays.map((d) => weekdayNames[d] ?? d).join(', ')}; skipped on time off and days without
        working hours.
      </p>
      <h2>Questions</h2>
      <ol>
        {data.questions.map((question, i) => (
          <li key={i} className={question.isBlocker ? 'checkin-blocker' : undefined}>
            {question.text}
            {question.isBlocker ? <span className="checkin-blocker-tag"> (blockers)</span> : null}
          </li>
        ))}
      </ol>
      <h2>Rounds</h2>
      {data.rounds.length === 0 ? <p className="muted">No round has closed yet.</p> : null}
      <ul className="checkin-list" aria-label="Team figures by round">
        {data.rounds.map((round) => (
          <li key={round.date} className="checkin-round">
            <strong>{round.date}</strong>: {round.summary}
          </li>
        ))}
      </ul>
    </section>
  );
}
