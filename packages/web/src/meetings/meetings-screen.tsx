// Meetings: the ones I organise and the ones I am invited to, with the answers, and the request form
// (opened from a thread with `?agenda=<threadId>`, which makes that thread the agenda).
import { useId, useState } from 'react';
import { useLocation } from '../app/router';
import { usePeople } from '../composer/people';
import { useMyRhythm } from '../rhythm/rhythm-api';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { viewerTimeZone } from '../ui/time-format';
import { MeetingItem } from './meeting-item';
import { MeetingRequestForm } from './meeting-request-form';
import { useMeetings } from './meetings-api';
import type { Meeting } from './meetings-api';

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** My time zone: my rhythm's, else the browser's. */
export function useMyZone(): string {
  const rhythm = useMyRhythm();
  return safeZone(rhythm.data?.rhythm.timeZone ?? viewerTimeZone());
}

/** The meetings screen. */
export function MeetingsScreen() {
  const { search } = useLocation();
  const agenda = new URLSearchParams(search).get('agenda');
  const { me } = useSession();
  const meetings = useMeetings();
  const people = usePeople();
  const myZone = useMyZone();
  const organisedId = useId();
  const invitedId = useId();
  const [requested, setRequested] = useState<Meeting | null>(null);
  const myId = me?.person.id;
  const organised = meetings.data?.filter((m) => m.organiserId === myId) ?? [];
  const invited = meetings.data?.filter((m) => m.organiserId !== myId) ?? [];
  const list = (items: Meeting[], empty: string, labelledBy: string) =>
    items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="meeting-list" aria-labelledby={labelledBy}>
        {items.map((meeting) => (
          <li key={meeting.id}>
            <MeetingItem meeting={meeting} people={people.data} myZone={myZone} />
          </li>
        ))}
      </ul>
    );

  return (
    <section className="screen meetings-screen">
      <ScreenHeading title="Meetings">Meetings</ScreenHeading>
      <p className="hint">
        Meetings keep to the team’s sync windows and give every invitee the agreement’s notice in their own
        working time. Times are in your time zone ({myZone.replaceAll('_', ' ')}).
      </p>
      <p role="status" className="meeting-requested">
        {requested
          ? `Meeting “${requested.title}” requested: the invitees are told in their working hours.`
          : ''}
      </p>
      {meetings.isPending ? <Loading what="Loading your meetings…" /> : null}
      <ErrorMessage error={meetings.error} />
      {meetings.data ? (
        <div className="meeting-lists">
          <section aria-labelledby={invitedId}>
            <h2 id={invitedId}>Invited</h2>
            {list(invited, 'No meetings you are invited to in the next weeks.', invitedId)}
          </section>
          <section aria-labelledby={organisedId}>
            <h2 id={organisedId}>Organised by you</h2>
            {list(organised, 'You have organised no meetings in the next weeks.', organisedId)}
          </section>
        </div>
      ) : null}
      <MeetingRequestForm myZone={myZone} agendaThreadId={agenda} onRequested={setRequested} />
    </section>
  );
}
