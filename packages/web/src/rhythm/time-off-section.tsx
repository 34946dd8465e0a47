// Time off by date range, with an optional note only I see: the list, adding and removing.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrors } from '../ui/field-errors';
import { Loading } from '../ui/loading';
import { useAddTimeOff, useMyTimeOff, useRemoveTimeOff } from './rhythm-api';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });

/** "Dec 1 – 14, 2026" for local dates `2026-12-01` and `2026-12-14` (calendar dates, no zone shift). */
export function formatDateRange(from: string, to: string): string {
  const instant = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  const [a, b] = [instant(from), instant(to)];
  if (Number.isNaN(a) || Number.isNaN(b)) return `${from} – ${to}`;
  return a === b ? dateFormat.format(a) : dateFormat.formatRange(a, b);
}

/** The time off part of "My rhythm". */
export function TimeOffSection() {
  const id = useId();
  const timeOff = useMyTimeOff();
  const add = useAddTimeOff();
  const remove = useRemoveTimeOff();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const errors = fieldErrors(add.error, { from: ['body.from'], to: ['body.to'], note: ['body.note'] });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate(
      { from, to: to || from, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setFrom('');
          setTo('');
          setNote('');
        },
      },
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="rhythm-section">
      <h2 id={`${id}-heading`}>Time off</h2>
      <p className="hint">
        Nothing reaches you on these days except an emergency. Others see them as off; the note is yours only.
      </p>
      {timeOff.isPending ? <Loading what="Loading your time off…" /> : null}
      <ErrorMessage error={timeOff.error} />
      {timeOff.data && timeOff.data.length === 0 ? <p className="muted">No time off planned.</p> : null}
      {timeOff.data && timeOff.data.length > 0 ? (
        <ul className="item-list time-off-list" aria-label="Planned time off">
          {timeOff.data.map((item) => {
            const range = formatDateRange(item.from, item.to);
            return (
              <li key={item.id} className="time-off-item">
                <span>
                  <strong>{range}</strong>
                  {item.note ? <span className="muted"> · {item.note}</span> : null}
                </span>
                <button
                  type="button"
                  onClick={() => remove.mutate(item.id)}
                  disabled={remove.isPending}
                  aria-label={`Remove time off ${range}`}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <ErrorMessage error={remove.error} />
      <form className="time-off-form" onSubmit={submit} aria-label="Add time off">
        <div className="field">
          <label htmlFor={`${id}-from`}>First day off</label>
          <input
            id={`${id}-from`}
            type="date"
            required
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={errors.from ? `${id}-from-error` : undefined}
          />
          {errors.from ? (
            <span id={`${id}-from-error`} className="error">
              {errors.from}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>Last day off</label>
          <input
            id={`${id}-to`}
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => setTo(event.target.value)}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? `${id}-to-error` : `${id}-to-hint`}
          />
          {errors.to ? (
            <span id={`${id}-to-error`} className="error">
              {errors.to}
            </span>
          ) : (
            <span id={`${id}-to-hint`} className="hint">
              Leave empty for a single day.
            </span>
          )}
        </div>
        <div className="field time-off-note">
          <label htmlFor={`${id}-note`}>Note (optional, only you see it)</label>
          <input
            id={`${id}-note`}
            value={note}
            maxLength={500}
            onChange={(event) => setNote(event.target.value)}
            aria-invalid={errors.note ? true : undefined}
          />
          {errors.note ? <span className="error">{errors.note}</span> : null}
        </div>
        {errors.other ? (
          <p className="error" role="alert">
            {errors.other}
          </p>
        ) : null}
        <div>
          <button type="submit" disabled={add.isPending}>
            Add time off
          </button>
        </div>
      </form>
    </section>
  );
}
