// "My rhythm": working hours, focus blocks and off time painted on a weekly grid, the time zone, how posts
// reach me (as they come or in batches), time off, and a sentence that says what it all means.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message';
import { fieldErrors } from '../ui/field-errors';
import { Loading } from '../ui/loading';
import { ScreenHeading } from '../ui/screen-heading';
import { describeRhythm, placeOf } from './describe-rhythm';
import { kindNames, RhythmGrid } from './rhythm-grid';
import { useMyRhythm, useMyTimeOff, useSaveRhythm } from './rhythm-api';
import type { RhythmSettings } from './rhythm-api';
import { BusySection } from './busy-section';
import { TimeOffSection } from './time-off-section';
import { TimeZoneField } from './time-zone-field';
import { gridFromRhythm, isExactOnGrid, rhythmFromGrid } from './week-grid';
import type { CellKind, WeekGrid } from './week-grid';

/** The brushes, in the order they are offered. */
const brushes: CellKind[] = ['working', 'focus', 'off'];

const brushHints: Record<CellKind, string> = {
  working: 'posts reach you',
  focus: 'working, but nothing is delivered',
  off: 'not working',
};

/** My rhythm: the weekly grid, time zone, delivery and time off. */
export function RhythmScreen() {
  const rhythm = useMyRhythm();
  // Here, not in the editor: the editor starts afresh from each saved rhythm, the outcome stays.
  const save = useSaveRhythm();
  return (
    <section className="screen rhythm-screen">
      <ScreenHeading title="My rhythm">My rhythm</ScreenHeading>
      {rhythm.isPending ? <Loading what="Loading your rhythm…" /> : null}
      <ErrorMessage error={rhythm.error} />
      {rhythm.data ? (
        <RhythmEditor key={rhythm.data.updatedAt ?? 'default'} saved={rhythm.data} save={save} />
      ) : null}
      <TimeOffSection />
      <BusySection timeZone={rhythm.data?.rhythm.timeZone ?? 'UTC'} />
    </section>
  );
}

function RhythmEditor({ saved, save }: { saved: RhythmSettings; save: ReturnType<typeof useSaveRhythm> }) {
  const id = useId();
  const timeOff = useMyTimeOff();
  const [grid, setGrid] = useState<WeekGrid>(() => gridFromRhythm(saved.rhythm.week, saved.focus));
  const [brush, setBrush] = useState<CellKind>('working');
  const [timeZone, setTimeZone] = useState(saved.rhythm.timeZone);
  const [mode, setMode] = useState(saved.delivery.mode);
  const [batchTimes, setBatchTimes] = useState<string[]>(
    saved.delivery.batchTimes.length > 0 ? saved.delivery.batchTimes : ['09:00', '14:00'],
  );
  const [isDirty, setDirty] = useState(false);
  const exact = isExactOnGrid(saved.rhythm.week, saved.focus);

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setDirty(true);
    };
  const delivery = { mode, batchTimes: mode === 'batched' ? batchTimes.filter(Boolean) : [] };
  const sentence = describeRhythm(grid, {
    timeZone,
    delivery,
    hasTimeOff: (timeOff.data?.length ?? 0) > 0,
  });
  const errors = fieldErrors(save.error, {
    timeZone: ['body.rhythm.timeZone'],
    hours: ['body.rhythm.week', 'body.rhythm.exceptions', 'body.focus'],
    delivery: ['body.delivery'],
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { week, focus } = rhythmFromGrid(grid);
    save.mutate(
      { rhythm: { timeZone, week, exceptions: saved.rhythm.exceptions }, focus, delivery },
      { onSuccess: () => setDirty(false) },
    );
  };

  return (
    <form className="rhythm-form" onSubmit={submit} aria-label="Rhythm">
      <p className="rhythm-sentence" id={`${id}-sentence`} aria-live="polite">
        {sentence}
      </p>
      {saved.isDefault ? (
        <p className="hint">You have not set a rhythm yet: the default (Mon–Fri 09:00–17:00 UTC) applies.</p>
      ) : null}

      <section aria-labelledby={`${id}-hours`} className="rhythm-section">
        <h2 id={`${id}-hours`}>Working hours and focus</h2>
        <fieldset className="rhythm-brushes">
          <legend>Brush</legend>
          {brushes.map((kind) => (
            <label key={kind} className={`choice rhythm-brush rhythm-brush-${kind}`}>
              <input
                type="radio"
                name={`${id}-brush`}
                value={kind}
                checked={brush === kind}
                onChange={() => setBrush(kind)}
              />
              <span className={`rhythm-swatch rhythm-cell-${kind}`} aria-hidden="true" />
              <span>
                {kindNames[kind][0]!.toUpperCase() + kindNames[kind].slice(1)}{' '}
                <span className="hint">({brushHints[kind]})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <p className="hint" id={`${id}-grid-help`}>
          Drag over the grid to paint with the brush, in {placeOf(timeZone)} time. With the keyboard: arrow
          keys move, Space or Enter paints, Shift+arrow paints as it moves, W, F and O pick the brush.
        </p>
        {exact ? null : (
          <p className="hint">
            Your saved hours use times finer than half an hour; saving from this grid rounds them to half
            hours.
          </p>
        )}
        <div className="rhythm-grid-scroll">
          <RhythmGrid
            grid={grid}
            brush={brush}
            onChange={change(setGrid)}
            onBrushChange={setBrush}
            describedBy={`${id}-grid-help${errors.hours ? ` ${id}-hours-error` : ''}`}
          />
        </div>
        {errors.hours ? (
          <p className="error" id={`${id}-hours-error`}>
            {errors.hours}
          </p>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-zone`} className="rhythm-section">
        <h2 id={`${id}-zone`}>Time zone</h2>
        <TimeZoneField value={timeZone} onChange={change(setTimeZone)} error={errors.timeZone} />
      </section>

      <section aria-labelledby={`${id}-delivery`} className="rhythm-section">
        <h2 id={`${id}-delivery`}>Delivery</h2>
        <fieldset aria-describedby={errors.delivery ? `${id}-delivery-error` : undefined}>
          <legend>How posts reach you in working hours</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'as-they-come'}
              onChange={() => change(setMode)('as-they-come')}
            />
            As they come
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={mode === 'batched'}
              onChange={() => change(setMode)('batched')}
            />
            In batches at set times
          </label>
          {mode === 'batched' ? (
            <ul className="batch-times" aria-label="Batch times">
              {batchTimes.map((time, i) => (
                <li key={i} className="batch-time">
                  <label htmlFor={`${id}-batch-${i}`}>Batch time {i + 1}</label>
                  <input
                    id={`${id}-batch-${i}`}
                    type="time"
                    step={60}
                    value={time}
                    onChange={(event) =>
                      change(setBatchTimes)(batchTimes.map((t, j) => (j === i ? event.target.value : t)))
                    }
                  />
                  <button
                    type="button"
                    aria-label={`Remove batch time ${i + 1}`}
                    disabled={batchTimes.length <= 1}
                    onClick={() => change(setBatchTimes)(batchTimes.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </li>
              ))}
              {batchTimes.length < 12 ? (
                <li>
                  <button type="button" onClick={() => change(setBatchTimes)([...batchTimes, '12:00'])}>
                    Add a batch time
                  </button>
                </li>
              ) : null}
            </ul>
          ) : null}
        </fieldset>
        {errors.delivery ? (
          <p className="error" id={`${id}-delivery-error`}>
            {errors.delivery}
          </p>
        ) : null}
      </section>

      {errors.other ? (
        <p className="error" role="alert">
          {errors.other}
        </p>
      ) : null}
      {save.isError && !errors.other ? (
        <p className="error" role="alert">
          The rhythm was not saved: see the messages above.
        </p>
      ) : null}
      <div className="rhythm-actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save rhythm
        </button>
        <span role="status" className="muted">
          {save.isPending ? 'Saving…' : isDirty ? 'Unsaved changes.' : save.isSuccess ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
