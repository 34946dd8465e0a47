// My check-ins (route `/checkins`): the questions asked of me in rounds still open, each at my own local
// time, to answer (an empty answer skips its question); blocker questions are marked. What I sent stays
// visible and can be sent again until the round closes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { Link } from '../app/router';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import type { CheckinAsk } from './types';

function useCheckinAsks() {
  const { client } = useApi();
  return useQuery({
    queryKey: queryKeys.checkinAsks,
    queryFn: async () => expectData(await client.GET('/api/v1/me/checkin-asks')).items,
  });
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** "Monday, 30 November": a local date (YYYY-MM-DD) in words; UTC only to keep the date as it is. */
function dateInWords(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : dateFormat.format(t);
}

function AskForm({ ask }: { ask: CheckinAsk }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [answers, setAnswers] = useState<string[]>(() => ask.questions.map((_, i) => ask.answers?.[i] ?? ''));
  const send = useMutation({
    mutationFn: async () =>
      expectData(
        await client.POST('/api/v1/checkins/{id}/answers', {
          params: { path: { id: ask.checkinId } },
          body: { answers, date: ask.date },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.checkinAsks }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  const headingId = `${id}-heading`;
  return (
    <li className="checkin-ask">
      <form aria-labelledby={headingId} onSubmit={submit} className="form">
        <h2 id={headingId}>
          {ask.title} · {dateInWords(ask.date)}
        </h2>
        <p className="muted">
          {ask.state === 'answered'
            ? 'Answered: you may change your answers until the round closes.'
            : 'Not answered yet.'}{' '}
          <Link to={`/checkins/${encodeURIComponent(ask.checkinId)}`}>Team figures</Link>
        </p>
        {ask.questions.map((question, i) => (
          <div key={i} className={question.isBlocker ? 'field checkin-blocker' : 'field'}>
            <label htmlFor={`${id}-${i}`}>
              {question.text}
              {question.isBlocker ? <span className="checkin-blocker-tag"> (a blocker question)</span> : null}
            </label>
            <textarea
              id={`${id}-${i}`}
              value={answers[i] ?? ''}
              maxLength={4000}
              rows={3}
              onChange={(event) => setAnswers(answers.map((a, j) => (j === i ? event.target.value : a)))}
            />
          </div>
        ))}
        <p className="hint">An empty answer skips its question.</p>
        <button type="submit" className="primary" disabled={send.isPending}>
          {ask.state === 'answered' ? 'Update answers' : 'Send answers'}
        </button>
        {send.isSuccess ? (
          <p role="status" className="muted">
            Sent. They are gathered into the check-in’s thread when the round closes.
          </p>
        ) : null}
        <ErrorMessage error={send.error} />
      </form>
    </li>
  );
}

/** The check-ins screen: my open check-in questions. */
export function CheckinAsksScreen() {
  const asks = useCheckinAsks();
  const items = asks.data ?? [];
  return (
    <section className="screen checkins">
      <ScreenHeading title="Check-ins">Check-ins</ScreenHeading>
      <p className="muted">
        Questions asked of you at your own local time on the check-in’s days; others see only team figures.
      </p>
      {asks.isPending ? <Loading what="Loading your check-ins…" /> : null}
      <ErrorMessage error={asks.error} />
      {asks.isSuccess && items.length === 0 ? (
        <p className="muted">No check-in questions for you now.</p>
      ) : null}
      <ul className="checkin-list" aria-label="Your check-in questions">
        {items.map((ask) => (
          <AskForm key={`${ask.id}-${ask.date}`} ask={ask} />
        ))}
      </ul>
    </section>
  );
}
