// The rules of rhythms that need no database: the defaults, how a person's rhythm, focus blocks and time off
// combine into delivery slots, and how working time is labelled for others (working, focus, off).
import {
  isWorking,
  nextWorkingStart,
  parseRhythm,
  subtractBlocks,
  toLocal,
  workingIntervals,
} from '@meanwhile/time';
import type { Rhythm, RhythmInput, WeekInput } from '@meanwhile/time';

/** How a person likes deliveries: at once during slots, or in batches at chosen local times. */
export type DeliveryMode = 'as-they-come' | 'batched';

/** The delivery preference of a rhythm. */
export interface DeliveryPreference {
  mode: DeliveryMode;
  /** Local `HH:MM` times, sorted, unique; used when `mode` is `batched`. */
  batchTimes: string[];
}

/** A stretch of time off: local dates, inclusive; the note is shown to its owner only. */
export interface TimeOff {
  id: string;
  from: string;
  to: string;
  note: string;
  createdAt: number;
}

/** A person's whole rhythm as stored: hours, focus blocks and the delivery preference. */
export interface RhythmSettings {
  rhythm: RhythmInput;
  focus: WeekInput;
  delivery: DeliveryPreference;
  /** Epoch ms of the last change; null when nothing is stored (the UTC default applies). */
  updatedAt: number | null;
}

/** The most stretches of time off a person keeps (each becomes a block of the delivery slots). */
export const maxTimeOffEntries = 500;
/** The longest stretch of time off, in days. */
export const maxTimeOffDays = 366;
/** The longest window of an availability request. */
export const maxAvailabilityWindowMs = 31 * 86_400_000;

const workday = ['09:00-17:00'];

/** The rhythm of a new person: Mon–Fri 09:00–17:00 in their zone, no focus blocks, deliveries as they come. */
export function defaultSettings(timeZone = 'UTC'): RhythmSettings {
  return {
    rhythm: {
      timeZone,
      week: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: [], sun: [] },
      exceptions: [],
    },
    focus: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    delivery: { mode: 'as-they-come', batchTimes: ['09:00'] },
    updatedAt: null,
  };
}

/** Batch times sorted and without repeats, so that equal preferences are stored alike. */
export function normalizeBatchTimes(times: readonly string[]): string[] {
  return [...new Set(times)].sort();
}

/** The rhythm, focus and time off of one person, compiled for working-time arithmetic. */
export interface CompiledRhythm {
  timeZone: string;
  /** Working hours with exceptions. */
  rhythm: Rhythm;
  /** Working hours less time off. */
  present: Rhythm;
  /** Delivery slots: working, not in a focus block, not on time off. */
  slots: Rhythm;
}

/**
 * Compiles stored settings. The stored values were validated when written; should one no longer parse (a
 * time zone dropped from the runtime's database), `parseRhythm` throws and the caller decides.
 */
export function compileRhythm(
  settings: RhythmSettings,
  timeOff: readonly Pick<TimeOff, 'from' | 'to'>[],
): CompiledRhythm {
  const rhythm = parseRhythm(settings.rhythm);
  const dates = timeOff.map((t) => ({ from: t.from, to: t.to }));
  return {
    timeZone: rhythm.timeZone,
    rhythm,
    present: subtractBlocks(rhythm, { dates }),
    slots: subtractBlocks(rhythm, { week: settings.focus, dates }),
  };
}

/** What a stretch of someone's working hours is, as others see it. */
export type IntervalKind = 'working' | 'focus' | 'off';

/** A labelled interval `[start, end)` in epoch ms. */
export interface LabelledInterval {
  kind: IntervalKind;
  start: number;
  end: number;
}

function isInside(list: readonly [number, number][], t: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = list[mid]!;
    if (t < s) hi = mid - 1;
    else if (t >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * The person's working hours in `[from, to)`, each piece labelled: `working` (a delivery slot), `focus` (a
 * focus block) or `off` (hours that fall on time off). Hours outside the rhythm are not listed.
 */
export function labelIntervals(compiled: CompiledRhythm, from: number, to: number): LabelledInterval[] {
  const base = workingIntervals(compiled.rhythm, from, to);
  const present = workingIntervals(compiled.present, from, to);
  const slots = workingIntervals(compiled.slots, from, to);
  const points = [...new Set([base, present, slots].flat(2))].sort((a, b) => a - b);
  const out: LabelledInterval[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (!isInside(base, start)) continue;
    const kind: IntervalKind = isInside(slots, start)
      ? 'working'
      : isInside(present, start)
        ? 'focus'
        : 'off';
    const previous = out[out.length - 1];
    if (previous && previous.kind === kind && previous.end === start) previous.end = end;
    else out.push({ kind, start, end });
  }
  return out;
}

/** Where someone is at an instant: in a slot, in a focus block, on time off, or outside working hours. */
export type PresenceStatus = IntervalKind | 'not-working';

/** Someone's status at `now`, their wall clock, and when they can next be reached (a slot starts). */
export interface Presence {
  status: PresenceStatus;
  localDate: string;
  localTime: string;
  utcOffsetMinutes: number;
  /** The start of the current or next delivery slot; null when none starts within 400 days. */
  nextSlotAt: number | null;
}

/** Whether local date `date` lies in one of the stretches of time off. */
function isOnTimeOff(timeOff: readonly Pick<TimeOff, 'from' | 'to'>[], date: string): boolean {
  return timeOff.some((t) => t.from <= date && date <= t.to);
}

/** The presence of a person at `now`. */
export function presenceAt(
  compiled: CompiledRhythm,
  timeOff: readonly Pick<TimeOff, 'from' | 'to'>[],
  now: number,
): Presence {
  const local = toLocal(compiled.timeZone, now);
  let status: PresenceStatus = 'not-working';
  if (isOnTimeOff(timeOff, local.date)) status = 'off';
  else if (isWorking(compiled.slots, now)) status = 'working';
  else if (isWorking(compiled.present, now)) status = 'focus';
  return {
    status,
    localDate: local.date,
    localTime: local.time,
    utcOffsetMinutes: local.offsetMinutes,
    nextSlotAt: nextWorkingStart(compiled.slots, now),
  };
}
