// "Request a meeting": a title, invitees (the person picker), a duration, an agenda thread (required) and a
// start in my time. As invitees change it shows each one's earliest allowed start (the agreement's notice
// counted in their working time) in their time and mine; a start outside every sync window is marked and
// then needs a written reason; the server's refusal names the earliest allowed start next to the field.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { useChannels } from '../app/sidebar';
import { PersonPicker } from '../composer/person-picker';
import { usePeople, nameOf } from '../composer/people';
import { fieldErrors } from '../ui/field-errors';
import { TextField } from '../ui/text-field';
import { wallClock } from '../ui/time-format';
import { isInsideSyncTime, instantInMessage, localInputToMs, msToLocalInput } from './meeting-time';
import type { MeetingDayRule, SyncWindowRule } from './meeting-time';
import { useAgreementTerms, useMeetingNotice, usePeopleZones, useRequestMeeting } from './meetings-api';
import type { Meeting } from './meetings-api';

/** "18:00 Mon for you · 09:00 Tue for Ana", or one time when we share a zone. */
export function forMeAndThem(at: number, myZone: string, theirZone: string | undefined, theirName: string) {
  const mine = wallClock(at, myZone);
  if (!theirZone || theirZone === myZone) return `${mine} for you`;
  return `${wallClock(at, theirZone)} for ${theirName} · ${mine} for you`;
}

/** The threads of a channel I may pick as the agenda (its latest page). */
function useAgendaChoices(channelId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: [...queryKeys.channelThreads(channelId), 'agenda-choices'],
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/channels/{id}/threads', {
          params: { path: { id: channelId }, query: { limit: 100 } },
        }),
      ).items,
    enabled: channelId !== '',
  });
}

/** A thread named by the address (`?agenda=<id>`, from a thread's "Request a meeting" link). */
function useAgendaThread(threadId: string | null) {
  const { client } = useApi();
  return useQuery({
    queryKey: [...queryKeys.thread(threadId ?? ''), 'agenda'],
    queryFn: async () =>
      expectData(await client.GET('/api/v1/threads/{id}', { params: { path: { id: threadId! } } })),
    enabled: threadId !== null,
  });
}

/** The meeting request form; `agendaThreadId` comes from the address when linked from a thread. */
export function MeetingRequestForm({
  myZone,
  agendaThreadId = null,
  onRequested,
}: {
  myZone: string;
  agendaThreadId?: string | null;
  onRequested: (meeting: Meeting) => void;
}) {
  const id = useId();
  const { me } = useSession();
  const people = usePeople();
  const zones = usePeopleZones();
  const channels = useChannels();
  const agreement = useAgreementTerms();
  const request = useRequestMeeting();
  const [title, setTitle] = useState('');
  const [invitees, setInvitees] = useState<string[]>([]);
  const [duration, setDuration] = useState('30');
  const [channelId, setChannelId] = useState('');
  const [pickedThread, setPickedThread] = useState('');
  const [start, setStart] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<{ agenda?: boolean; reason?: boolean; start?: boolean }>({});
  const notice = useMeetingNotice(invitees);
  const linked = useAgendaThread(agendaThreadId);
  const choices = useAgendaChoices(channelId);
  const threadId = agendaThreadId ?? pickedThread;

  const startMs = localInputToMs(start, myZone);
  const minutes = Number(duration);
  const endMs = startMs !== null && Number.isInteger(minutes) ? startMs + minutes * 60_000 : null;
  const terms = agreement.data?.agreement;
  const isOutside =
    startMs !== null && endMs !== null && terms !== undefined
      ? !isInsideSyncTime(
          terms.syncWindows as SyncWindowRule[],
          (terms.meetingDays ?? []) as MeetingDayRule[],
          startMs,
          endMs,
        )
      : false;
  const earliest =
    invitees.length > 0 && notice.data?.earliestStart ? Date.parse(notice.data.earliestStart) : null;
  const isTooEarly = startMs !== null && earliest !== null && startMs < earliest;
  const zoneOf = (personId: string) => zones.data?.get(personId)?.timeZone;

  const errors = fieldErrors(request.error, {
    title: ['body.title'],
    invitees: ['body.invitees'],
    duration: ['body.durationMinutes'],
    agenda: ['body.agendaThreadId'],
    start: ['body.startsAt'],
    reason: ['body.outsideWindowReason'],
  });
  const refusedEarliest = errors.start ? instantInMessage(errors.start) : null;

  const takeStart = (ms: number) => {
    // The next whole minute at or after it, in my zone.
    setStart(msToLocalInput(Math.ceil(ms / 60_000) * 60_000, myZone));
    setMissing((m) => ({ ...m, start: false }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const needs = {
      agenda: !threadId,
      start: startMs === null,
      reason: isOutside && !reason.trim(),
    };
    setMissing(needs);
    if (needs.agenda || needs.start || needs.reason) {
      const first = needs.agenda ? 'agenda' : needs.start ? 'start' : 'reason';
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    request.mutate(
      {
        title: title.trim(),
        invitees,
        durationMinutes: minutes,
        agendaThreadId: threadId,
        startsAt: new Date(startMs!).toISOString(),
        ...(isOutside && reason.trim() ? { outsideWindowReason: reason.trim() } : {}),
      },
      {
        onSuccess: (meeting) => {
          setTitle('');
          setInvitees([]);
          setStart('');
          setReason('');
          onRequested(meeting);
        },
      },
    );
  };

  const described = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

  return (
    <form className="form meeting-form" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h2 id={`${id}-heading`}>Request a meeting</h2>
      <p className="hint">
        Times are in your time zone ({myZone.replaceAll('_', ' ')}). The request reaches each invitee in their
        working hours, never as an interrupt.
      </p>
      <TextField
        label="Title"
        value={title}
        required
        maxLength={200}
        onChange={(event) => setTitle(event.target.value)}
      />
      {errors.title ? <p className="error">{errors.title}</p> : null}

      <PersonPicker
        label="Invitees"
        people={people.data ?? []}
        picked={invitees}
        excluded={me ? [me.person.id] : []}
        onPick={(personId) => setInvitees((list) => [...list, personId])}
        onRemove={(personId) => setInvitees((list) => list.filter((x) => x !== personId))}
      />
      {errors.invitees ? <p className="error">{errors.invitees}</p> : null}

      <section className="meeting-notice" aria-labelledby={`${id}-notice`}>
        <h3 id={`${id}-notice`}>Earliest allowed start</h3>
        {invitees.length === 0 ? (
          <p className="muted">Pick invitees to see when each may be met at the earliest.</p>
        ) : null}
        {invitees.length > 0 && notice.data ? (
          <>
            <p className="hint">
              Each invitee is owed {notice.data.noticeHours} of their working hours of notice.
            </p>
            <ul className="meeting-notice-list" aria-label="Earliest allowed start for each invitee">
              {invitees.map((personId) => {
                const entry = notice.data.invitees.find((i) => i.personId === personId);
                const name = nameOf(people.data, personId);
                return (
                  <li key={personId} data-person={personId}>
                    <strong>{name}</strong>:{' '}
                    {entry === undefined
                      ? 'asking…'
                      : entry.earliestStart === null
                        ? 'has no working time in the next 400 days to give the notice'
                        : forMeAndThem(Date.parse(entry.earliestStart), myZone, zoneOf(personId), name)}
                  </li>
                );
              })}
            </ul>
            {earliest !== null ? (
              <p className="meeting-notice-all">
                Earliest for everyone: {wallClock(earliest, myZone)} your time.{' '}
                <button type="button" onClick={() => takeStart(earliest)}>
                  Use the earliest start
                </button>
              </p>
            ) : null}
          </>
        ) : null}
        {invitees.length > 0 && notice.isPending ? <p className="muted">Asking…</p> : null}
        {notice.error ? <p className="error">{notice.error.message}</p> : null}
      </section>

      <div className="field">
        <label htmlFor={`${id}-duration`}>Duration (minutes)</label>
        <input
          id={`${id}-duration`}
          type="number"
          inputMode="numeric"
          min={5}
          max={480}
          step={5}
          required
          value={duration}
          onChange={(event) => setDuration(event.target.value)}
          aria-invalid={errors.duration ? true : undefined}
        />
        {errors.duration ? <span className="error">{errors.duration}</span> : null}
      </div>

      {agendaThreadId !== null ? (
        <p id={`${id}-agenda`} tabIndex={-1}>
          Agenda thread: <strong>{linked.data?.title ?? '…'}</strong>
        </p>
      ) : (
        <fieldset className="meeting-agenda">
          <legend>Agenda thread (required)</legend>
          <div className="field">
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select
              id={`${id}-channel`}
              value={channelId}
              onChange={(event) => {
                setChannelId(event.target.value);
                setPickedThread('');
              }}
            >
              <option value="">Choose a channel</option>
              {channels.data?.map((channel) => (
                <option key={channel.id} value={channel.id}>
                  #{channel.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-agenda`}>Thread</label>
            <select
              id={`${id}-agenda`}
              value={pickedThread}
              disabled={channelId === ''}
              aria-invalid={missing.agenda || errors.agenda ? true : undefined}
              aria-describedby={described((missing.agenda || errors.agenda) && `${id}-agenda-error`)}
              onChange={(event) => setPickedThread(event.target.value)}
            >
              <option value="">{channelId === '' ? 'Choose a channel first' : 'Choose a thread'}</option>
              {choices.data?.map((thread) => (
                <option key={thread.id} value={thread.id}>
                  {thread.title}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}
      {missing.agenda || errors.agenda ? (
        <p id={`${id}-agenda-error`} className="error" role="alert">
          {missing.agenda ? 'Pick the thread that holds the agenda: every meeting needs one.' : errors.agenda}
        </p>
      ) : null}

      <div className="field">
        <label htmlFor={`${id}-start`}>Start (your time)</label>
        <input
          id={`${id}-start`}
          type="datetime-local"
          required
          value={start}
          onChange={(event) => setStart(event.target.value)}
          aria-invalid={missing.start || isTooEarly || errors.start ? true : undefined}
          aria-describedby={described(`${id}-start-state`, errors.start && `${id}-start-error`)}
        />
        <span id={`${id}-start-state`} className="meeting-start-state">
          {missing.start ? <span className="error">Choose when the meeting starts.</span> : null}
          {isTooEarly && earliest !== null ? (
            <span className="error">
              Too early: the earliest allowed start is {wallClock(earliest, myZone)} your time.
            </span>
          ) : null}
          {startMs !== null && isOutside ? (
            <span className="meeting-outside">
              Outside every sync window: say below why it cannot wait for one.
            </span>
          ) : null}
          {startMs !== null && !isOutside && terms ? (
            <span className="hint">Inside a sync window.</span>
          ) : null}
        </span>
        {errors.start ? (
          <div id={`${id}-start-error`} className="error meeting-refusal" role="alert">
            <p>Refused: {errors.start}</p>
            {refusedEarliest !== null ? (
              <p>
                Earliest allowed start: <strong>{wallClock(refusedEarliest, myZone)} your time</strong>.{' '}
                <button type="button" onClick={() => takeStart(refusedEarliest)}>
                  Use this start
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      {isOutside || reason || errors.reason ? (
        <div className="field">
          <label htmlFor={`${id}-reason`}>Why outside the sync windows{isOutside ? ' (required)' : ''}</label>
          <span id={`${id}-reason-hint`} className="hint">
            Shown with the meeting to every invitee.
          </span>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={500}
            aria-required={isOutside}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={missing.reason || errors.reason ? true : undefined}
            aria-describedby={described(
              `${id}-reason-hint`,
              (missing.reason || errors.reason) && `${id}-reason-error`,
            )}
          />
          {missing.reason || errors.reason ? (
            <span id={`${id}-reason-error`} className="error" role="alert">
              {missing.reason
                ? 'The start is outside every sync window: give a written reason.'
                : errors.reason}
            </span>
          ) : null}
        </div>
      ) : null}

      {errors.other ? (
        <p className="error" role="alert">
          {errors.other}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={request.isPending}>
        Request meeting
      </button>
    </form>
  );
}
