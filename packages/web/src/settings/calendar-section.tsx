// Calendars: my private iCalendar feed (make it, see and copy its address once, rotate it, remove it; the
// address is a secret) and the calendar I import busy times from (set or remove its URL, see its errors).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { expectData } from '../app/api-client';
import { useApi } from '../app/api-context';
import { queryKeys } from '../app/query-keys';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrors } from '../ui/field-errors';
import { Loading } from '../ui/loading';
import { formatDateTime } from './when';

function FeedSection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const urlRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const [isConfirmingRotate, setConfirmingRotate] = useState(false);
  const feed = useQuery({
    queryKey: queryKeys.myCalendarFeed,
    queryFn: async () => expectData(await client.GET('/api/v1/me/calendar-feed')),
  });
  const make = useMutation({
    mutationFn: async () => expectData(await client.POST('/api/v1/me/calendar-feed')),
    onSuccess: (made) => {
      queryClient.setQueryData(queryKeys.myCalendarFeed, made);
      setShownUrl(made.path ? new URL(made.path, globalThis.location.origin).href : null);
      setCopied(null);
      setConfirmingRotate(false);
    },
  });
  const remove = useMutation({
    mutationFn: async () => {
      const result = await client.DELETE('/api/v1/me/calendar-feed');
      if (!result.response.ok) expectData(result);
    },
    onSuccess: async () => {
      setShownUrl(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.myCalendarFeed });
    },
  });
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      urlRef.current?.select();
      setCopied('no');
    }
  };
  const exists = feed.data?.exists === true;
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Calendar feed</h2>
      <p className="hint">
        Your sync windows, meetings, focus blocks, time off, due asks and decision closes, for a calendar app
        to subscribe to.
      </p>
      {feed.isPending ? <Loading what="Loading your calendar feed…" /> : null}
      <ErrorMessage error={feed.error} />
      {feed.data && !exists ? (
        <button type="button" className="primary" disabled={make.isPending} onClick={() => make.mutate()}>
          Make my calendar feed
        </button>
      ) : null}
      {shownUrl ? (
        <div className="token-secret" role="group" aria-labelledby={`${id}-secret-title`}>
          <p id={`${id}-secret-title`} className="token-secret-title">
            Your private feed address. It is a secret: anyone who has it sees your calendar. It is shown only
            now; rotate it if it leaks.
          </p>
          <div className="token-secret-row">
            <label htmlFor={`${id}-url`} className="visually-hidden">
              Calendar feed address
            </label>
            <input
              ref={urlRef}
              id={`${id}-url`}
              className="token-secret-value"
              readOnly
              value={shownUrl}
              onFocus={(event) => event.target.select()}
            />
            <button type="button" className="primary" onClick={() => void copy(shownUrl)}>
              Copy
            </button>
          </div>
          <p role="status" className="hint">
            {copied === 'yes' ? 'Copied to the clipboard.' : null}
            {copied === 'no' ? 'Could not copy: the address is selected, press Ctrl+C or ⌘C.' : null}
          </p>
        </div>
      ) : null}
      {exists ? (
        <>
          <p>
            Your feed exists
            {feed.data?.createdAt ? ` since ${formatDateTime(Date.parse(feed.data.createdAt))}` : ''}.
            {shownUrl ? '' : ' Its address was shown when it was made; rotate it to see a new one.'}
          </p>
          {isConfirmingRotate ? (
            <div className="settings-actions" role="group" aria-label="Rotate the feed address?">
              <span>The old address stops working at once. Rotate?</span>
              <button
                type="button"
                className="primary"
                disabled={make.isPending}
                onClick={() => make.mutate()}
              >
                Yes, rotate
              </button>
              <button type="button" onClick={() => setConfirmingRotate(false)}>
                No
              </button>
            </div>
          ) : (
            <div className="settings-actions">
              <button type="button" onClick={() => setConfirmingRotate(true)}>
                Rotate the address…
              </button>
              <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Remove the feed
              </button>
            </div>
          )}
        </>
      ) : null}
      <ErrorMessage error={make.error ?? remove.error} />
    </section>
  );
}

function BusySection() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [url, setUrl] = useState('');
  const busy = useQuery({
    queryKey: queryKeys.myBusyCalendar,
    queryFn: async () => expectData(await client.GET('/api/v1/me/busy-calendar')),
  });
  const save = useMutation({
    mutationFn: async (value: string) =>
      expectData(await client.PUT('/api/v1/me/busy-calendar', { body: { url: value } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.myBusyCalendar, saved);
      setUrl('');
    },
  });
  const remove = useMutation({
    mutationFn: async () => {
      const result = await client.DELETE('/api/v1/me/busy-calendar');
      if (!result.response.ok) expectData(result);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myBusyCalendar }),
  });
  const errors = fieldErrors(save.error, { url: ['body.url'] });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (url.trim()) save.mutate(url.trim());
  };
  const data = busy.data;
  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Busy times from another calendar</h2>
      <p className="hint">
        Give the iCalendar (.ics) address of a calendar you keep elsewhere: its busy times show in your rhythm
        view, as times only (never titles). Public http or https addresses only.
      </p>
      {busy.isPending ? <Loading what="Loading your busy calendar…" /> : null}
      <ErrorMessage error={busy.error} />
      {data?.url ? (
        <div className="settings-row">
          <div className="settings-row-text">
            <span className="settings-row-name">{data.url}</span>
            <span className="hint">
              {data.fetchedAt
                ? `Last read ${formatDateTime(Date.parse(data.fetchedAt))}: ${data.busy.length} busy times.`
                : 'Not read yet.'}
            </span>
            {data.error ? (
              <span className="error" role="alert">
                It could not be read: {data.error}
              </span>
            ) : null}
          </div>
          <button type="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Stop importing
          </button>
        </div>
      ) : null}
      <form className="form busy-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-url`}>{data?.url ? 'Another calendar address' : 'Calendar address'}</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            maxLength={2048}
            placeholder="https://calendar.example.com/me.ics"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? `${id}-url-error` : undefined}
          />
          {errors.url ? (
            <span id={`${id}-url-error`} className="error" role="alert">
              {errors.url}
            </span>
          ) : null}
        </div>
        {errors.other ? (
          <p className="error" role="alert">
            {errors.other}
          </p>
        ) : null}
        <button type="submit" disabled={save.isPending || !url.trim()}>
          Import busy times
        </button>
      </form>
      <ErrorMessage error={remove.error} />
    </section>
  );
}

/** The calendar section: the private feed and the busy-times import. */
export function CalendarSection() {
  return (
    <>
      <FeedSection />
      <BusySection />
    </>
  );
}
