// The team time map: a row per person over 24 or 48 hours in my time zone, showing when each is working,
// in focus or off, the band where everyone is working, and a line at now; filtered by channel.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { useSession } from '../app/session';
import { useChannels } from '../app/sidebar';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { useMyRhythm } from '../rhythm/rhythm-api';
import { SyncWindowsPanel } from '../sync/sync-windows-panel';
import { localDateOf, placeOnTrack, startOfLocalDay, statusAt, teamOverlap } from './time-map-model';
import type { Span } from './time-map-model';

const hourMs = 3_600_000;

const kindLabels: Record<string, string> = { working: 'working', focus: 'focus', off: 'off' };

function clockFormat(timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function dayClockFormat(timeZone: string) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}

function safeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Now, refreshed every minute (the now line moves). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A bar on a track, positioned through CSSOM (the CSP allows no style attributes in markup). */
function Bar({ span, window, className }: { span: Span; window: Span; className: string }) {
  const place = placeOnTrack(span, window);
  if (!place) return null;
  return (
    <span
      className={`time-map-bar ${className}`}
      style={{ left: `${place.left}%`, width: `${place.width}%` }}
    />
  );
}

function Track({ children }: { children: ReactNode }) {
  return (
    <div className="time-map-track" aria-hidden="true">
      {children}
    </div>
  );
}

/** The team time map screen. */
export function TimeMapScreen() {
  const id = useId();
  const { client } = useApi();
  const { me } = useSession();
  const rhythm = useMyRhythm();
  const channels = useChannels();
  const now = useNow();
  const [channelId, setChannelId] = useState<string | null>(null);
  const [hours, setHours] = useState<24 | 48>(24);
  const myZone = safeZone(rhythm.data?.rhythm.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const fromMs = startOfLocalDay(now, myZone);
  const window: Span = { startMs: fromMs, endMs: fromMs + hours * hourMs };
  const from = new Date(window.startMs).toISOString();
  const to = new Date(window.endMs).toISOString();

  const availability = useQuery({
    queryKey: queryKeys.availability(channelId, from, hours),
    queryFn: async () =>
      expectData(
        await client.GET('/api/v1/availability', {
          params: { query: { from, to, ...(channelId ? { channelId } : {}) } },
        }),
      ),
    enabled: !rhythm.isPending,
    placeholderData: (previous) => previous,
  });

  const people = [...(availability.data?.people ?? [])].sort((a, b) =>
    a.personId === me?.person.id
      ? -1
      : b.personId === me?.person.id
        ? 1
        : a.displayName.localeCompare(b.displayName),
  );
  const overlap = teamOverlap(people, window);
  const clock = clockFormat(myZone);
  // Over 48 hours a time alone is ambiguous: say the day too.
  const spanClock = hours === 48 ? dayClockFormat(myZone) : clock;
  const spanText = (span: Span) => `${spanClock.format(span.startMs)}–${spanClock.format(span.endMs)}`;
  const tickEvery = hours === 24 ? 3 : 6;
  const ticks = Array.from(
    { length: hours / tickEvery + 1 },
    (_, i) => window.startMs + i * tickEvery * hourMs,
  );
  const nowPlace = placeOnTrack({ startMs: now, endMs: now + 1 }, window);
  const nowLine = nowPlace ? <span className="time-map-now" style={{ left: `${nowPlace.left}%` }} /> : null;
  const overlapText =
    people.length === 0
      ? ''
      : overlap.length > 0
        ? `Everyone here is working ${overlap.map(spanText).join(', ')} your time.`
        : 'No time in these hours when everyone here is working.';

  return (
    <section className="screen time-map-screen">
      <ScreenHeading title="Team time map">Team time map</ScreenHeading>
      <p className="hint">
        Times in your time zone ({myZone.replaceAll('_', ' ')}), from midnight today. Now is{' '}
        {dayClockFormat(myZone).format(now)}.
      </p>
      <div className="time-map-controls">
        <div className="field">
          <label htmlFor={`${id}-channel`}>Show</label>
          <select
            id={`${id}-channel`}
            value={channelId ?? ''}
            onChange={(event) => setChannelId(event.target.value || null)}
          >
            <option value="">Everyone in the workspace</option>
            {channels.data?.map((channel) => (
              <option key={channel.id} value={channel.id}>
                Members of #{channel.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="choice">
          <legend>Hours shown</legend>
          {([24, 48] as const).map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-hours`}
                checked={hours === value}
                onChange={() => setHours(value)}
              />
              {value} hours
            </label>
          ))}
        </fieldset>
      </div>

      <ul className="time-map-legend" aria-label="Legend">
        <li>
          <span className="time-map-bar time-map-bar-working" aria-hidden="true" /> Working
        </li>
        <li>
          <span className="time-map-bar time-map-bar-focus" aria-hidden="true" /> Focus
        </li>
        <li>
          <span className="time-map-bar time-map-bar-off" aria-hidden="true" /> Off (time off)
        </li>
        <li>
          <span className="time-map-bar time-map-bar-overlap" aria-hidden="true" /> Everyone working
        </li>
        <li>
          <span className="time-map-now-key" aria-hidden="true" /> Now
        </li>
      </ul>

      {availability.isPending ? <Loading what="Loading the team’s hours…" /> : null}
      <ErrorMessage error={availability.error} />
      <p role="status" className="time-map-overlap-text">
        {overlapText}
      </p>
      {availability.data ? (
        <ul className="time-map" aria-label="People and their hours">
          <li className="time-map-row time-map-axis" aria-hidden="true">
            <span />
            <Track>
              {ticks.map((tick, i) => {
                const place = placeOnTrack(
                  { startMs: tick, endMs: tick + 1 },
                  { ...window, endMs: window.endMs + 1 },
                );
                // Every other tick gives way on narrow screens; the ends stay inside the track.
                const edge =
                  i === 0 ? ' time-map-tick-first' : i === ticks.length - 1 ? ' time-map-tick-last' : '';
                return place ? (
                  <span
                    key={tick}
                    className={`time-map-tick${i % 2 === 1 ? ' time-map-tick-minor' : ''}${edge}`}
                    style={{ left: `${place.left}%` }}
                  >
                    {clock.format(tick)}
                  </span>
                ) : null;
              })}
            </Track>
          </li>
          <li className="time-map-row time-map-overlap">
            <span className="time-map-who">
              <strong>Team overlap</strong>
            </span>
            <Track>
              {overlap.map((span) => (
                <Bar key={span.startMs} span={span} window={window} className="time-map-bar-overlap" />
              ))}
              {nowLine}
            </Track>
          </li>
          {people.map((person) => {
            const zone = safeZone(person.timeZone);
            const visible = person.intervals.filter((interval) => placeOnTrack(interval, window));
            // The status at the `now` of the clock shown beside it, read off the same intervals as the bar
            // (the server's `now` was taken when the map was fetched, possibly hours ago); a day off still
            // says "off" outside their hours when the server's answer is about that same day.
            const fromBars = statusAt(person.intervals, now);
            const status =
              fromBars === 'not-working' &&
              person.now.status === 'off' &&
              person.now.localDate === localDateOf(now, zone)
                ? 'off'
                : fromBars;
            return (
              <li key={person.personId} className="time-map-row" data-person={person.personId}>
                <span className="time-map-who">
                  {person.displayName}
                  {person.personId === me?.person.id ? ' (you)' : ''}
                  <span className="hint">
                    {dayClockFormat(zone).format(now)} in{' '}
                    {(zone.split('/').pop() ?? zone).replaceAll('_', ' ')}
                    {status !== 'not-working' ? ` · ${kindLabels[status] ?? status} now` : ''}
                  </span>
                </span>
                <Track>
                  {visible.map((interval) => (
                    <Bar
                      key={`${interval.kind}-${interval.startMs}`}
                      span={interval}
                      window={window}
                      className={`time-map-bar-${interval.kind}`}
                    />
                  ))}
                  {nowLine}
                </Track>
                <span className="visually-hidden">
                  {visible.length === 0
                    ? 'Not working in these hours.'
                    : `${visible.map((interval) => `${kindLabels[interval.kind] ?? interval.kind} ${spanText(interval)}`).join(', ')} (your time).`}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      {availability.data && people.length === 0 ? <p className="muted">Nobody to show here.</p> : null}
      {rhythm.isPending ? null : <SyncWindowsPanel channelId={channelId} myZone={myZone} />}
    </section>
  );
}
