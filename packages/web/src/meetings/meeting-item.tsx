// One meeting in my list: when (my time), the agenda thread, the reason when outside the sync windows,
// late changes, each invitee's answer; invitees answer yes / no / maybe, the organiser (or an admin) moves
// or cancels it (inside the notice that is shown to everyone as late).
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useSession } from '../app/session';
import { Link } from '../app/router';
import { nameOf } from '../composer/people';
import type { Person } from '../composer/types';
import { fieldErrors } from '../ui/field-errors';
import { wallClock } from '../ui/time-format';
import { instantInMessage, localInputToMs, msToLocalInput } from './meeting-time';
import { useCancelMeeting, useMoveMeeting, useRespondToMeeting } from './meetings-api';
import type { Meeting, MeetingResponse } from './meetings-api';

const responseWords: Record<string, string> = {
  pending: 'no answer yet',
  yes: 'yes',
  no: 'no',
  maybe: 'maybe',
};

const answers: { value: MeetingResponse; label: string }[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'maybe', label: 'Maybe' },
  { value: 'no', label: 'No' },
];

function MoveForm({ meeting, myZone, onDone }: { meeting: Meeting; myZone: string; onDone: () => void }) {
  const id = useId();
  const move = useMoveMeeting(meeting.id);
  const [start, setStart] = useState(msToLocalInput(Date.parse(meeting.startsAt), myZone));
  const [reason, setReason] = useState('');
  const errors = fieldErrors(move.error, {
    start: ['body.startsAt'],
    reason: ['body.outsideWindowReason'],
  });
  const refusedEarliest = errors.start ? instantInMessage(errors.start) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ms = localInputToMs(start, myZone);
    if (ms === null) return;
    move.mutate(
      {
        startsAt: new Date(ms).toISOString(),
        ...(reason.trim() ? { outsideWindowReason: reason.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="meeting-move" onSubmit={submit} aria-label={`Move ${meeting.title}`}>
      <div className="field">
        <label htmlFor={`${id}-start`}>New start (your time)</label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          required
          value={start}
          onChange={(event) => setStart(event.target.value)}
          aria-invalid={errors.start ? true : undefined}
        />
        {errors.start ? (
          <span className="error" role="alert">
            {errors.start}
            {refusedEarliest !== null
              ? ` Earliest allowed start: ${wallClock(refusedEarliest, myZone)} your time.`
              : ''}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Why outside the sync windows (only when it is)</label>
        <input
          id={`${id}-reason`}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={errors.reason ? true : undefined}
        />
        {errors.reason ? <span className="error">{errors.reason}</span> : null}
      </div>
      {errors.other ? <p className="error">{errors.other}</p> : null}
      <div className="meeting-actions">
        <button type="submit" className="primary" disabled={move.isPending}>
          Move
        </button>
        <button type="button" onClick={onDone}>
          Keep the time
        </button>
      </div>
    </form>
  );
}

/** A meeting of mine. */
export function MeetingItem({
  meeting,
  people,
  myZone,
}: {
  meeting: Meeting;
  people: Person[] | undefined;
  myZone: string;
}) {
  const headingId = useId();
  const { me } = useSession();
  const respond = useRespondToMeeting(meeting.id);
  const cancel = useCancelMeeting(meeting.id);
  const [isMoving, setMoving] = useState(false);
  const [isConfirmingCancel, setConfirmingCancel] = useState(false);
  const myId = me?.person.id;
  const isOrganiser = meeting.organiserId === myId;
  const canChange =
    (isOrganiser || me?.role === 'owner' || me?.role === 'admin') && meeting.state === 'scheduled';
  const mine = meeting.invitees.find((invitee) => invitee.personId === myId);
  const isCancelled = meeting.state === 'cancelled';
  const answer = respond.isPending ? respond.variables : mine?.response;

  return (
    <article className={`meeting${isCancelled ? ' meeting-cancelled' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="meeting-title">
        {meeting.title}
        {isCancelled ? <span className="meeting-badge">Cancelled</span> : null}
        {meeting.lateChanges > 0 ? (
          <span className="meeting-badge meeting-badge-late">
            {isCancelled ? 'Cancelled late' : 'Changed late'}
            {meeting.lateChanges > 1 ? ` (${meeting.lateChanges} times)` : ''}
          </span>
        ) : null}
      </h3>
      <p className="meeting-when">
        <time dateTime={meeting.startsAt}>{wallClock(meeting.startsAt, myZone)}</time>–
        <time dateTime={meeting.endsAt}>{wallClock(meeting.endsAt, myZone)}</time> your time ·{' '}
        {meeting.durationMinutes} minutes · organised by{' '}
        {isOrganiser ? 'you' : nameOf(people, meeting.organiserId)}
      </p>
      <p>
        Agenda: <Link to={`/threads/${encodeURIComponent(meeting.agendaThreadId)}`}>the agenda thread</Link>
      </p>
      {isOrganiser && meeting.notesPromptedAt !== null && !isCancelled ? (
        <p className="meeting-notes-prompt">
          The meeting is over: post its notes, and record what was decided as decisions, in{' '}
          <Link to={`/threads/${encodeURIComponent(meeting.agendaThreadId)}`}>the agenda thread</Link>, so
          that everyone who was not there can read them.
        </p>
      ) : null}
      {meeting.isOutsideSyncWindow ? (
        <p className="meeting-outside">
          Outside the sync windows, because: “{meeting.outsideWindowReason ?? ''}”
        </p>
      ) : null}
      {meeting.lateChanges > 0 ? (
        <p className="meeting-late-note">
          {isCancelled ? 'Cancelled' : 'Moved'} inside the notice: shown to everyone as late.
        </p>
      ) : null}
      <ul className="meeting-responses" aria-label={`Answers to ${meeting.title}`}>
        {meeting.invitees.map((invitee) => (
          <li key={invitee.personId}>
            {invitee.personId === myId ? 'You' : nameOf(people, invitee.personId)}:{' '}
            {responseWords[invitee.response] ?? invitee.response}
          </li>
        ))}
      </ul>
      {mine && !isCancelled ? (
        <fieldset className="meeting-answer">
          <legend>Your answer</legend>
          {answers.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={answer === option.value}
              disabled={respond.isPending}
              onClick={() => respond.mutate(option.value)}
            >
              {option.label}
            </button>
          ))}
          {respond.error ? <p className="error">{respond.error.message}</p> : null}
        </fieldset>
      ) : null}
      {canChange && !isMoving && !isConfirmingCancel ? (
        <div className="meeting-actions">
          <button type="button" onClick={() => setMoving(true)}>
            Move…
          </button>
          <button type="button" onClick={() => setConfirmingCancel(true)}>
            Cancel meeting…
          </button>
        </div>
      ) : null}
      {isMoving ? <MoveForm meeting={meeting} myZone={myZone} onDone={() => setMoving(false)} /> : null}
      {isConfirmingCancel ? (
        <div className="meeting-actions" role="group" aria-label={`Cancel ${meeting.title}?`}>
          <span>Cancel it for everyone?</span>
          <button
            type="button"
            className="primary"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(undefined, { onSuccess: () => setConfirmingCancel(false) })}
          >
            Yes, cancel it
          </button>
          <button type="button" onClick={() => setConfirmingCancel(false)}>
            No, keep it
          </button>
        </div>
      ) : null}
      {cancel.error ? <p className="error">{cancel.error.message}</p> : null}
    </article>
  );
}
