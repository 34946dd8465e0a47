import { RhythmError, parseBlocks, parseRhythm } from '@meanwhile/time';
import type { Rhythm, RhythmInput, WeekInput } from '@meanwhile/time';
import { assertAllowed } from '../access/index.js';
import { listVisibleChannelMemberIds } from '../channels/index.js';
import { findPeopleByIds } from '../people/index.js';
import { findMembership, listMemberships } from '../workspaces/index.js';
import type { Caller } from '../../shared/caller.js';
import type { RhythmRow, TimeOffRow } from '../../shared/database.js';
import { newId } from '../../shared/new-id.js';
import {
  compileRhythm,
  defaultSettings,
  labelIntervals,
  maxAvailabilityWindowMs,
  maxTimeOffDays,
  maxTimeOffEntries,
  normalizeBatchTimes,
  presenceAt,
} from './rhythm.domain.js';
import type { CompiledRhythm, DeliveryPreference, RhythmSettings, TimeOff } from './rhythm.domain.js';
import { InvalidRhythmField, PersonNotFound, TimeOffNotFound } from './rhythm.errors.js';
import * as repo from './rhythm.repository.js';
import type { Executor } from './rhythm.repository.js';

/** What the delivery engine needs to know about a recipient (see {@link RhythmService.deliveryProfiles}). */
export interface DeliveryProfile {
  timeZone: string;
  rhythm: Rhythm;
  /** Working hours less time off (focus blocks count: due times are counted in this). */
  present: Rhythm;
  /** Working, not in a focus block, not on time off. */
  slots: Rhythm;
  /** The stretches of time off (local dates, inclusive), without notes. */
  timeOff: { from: string; to: string }[];
  mode: DeliveryPreference['mode'];
  batchTimes: string[];
}

/** Called after a person's rhythm, focus blocks, time off or delivery preference changed. */
export type RhythmChangedListener = (personId: string) => void | Promise<void>;

/** A labelled interval as the API shows it. */
interface IntervalView {
  kind: 'working' | 'focus' | 'off';
  startMs: number;
  endMs: number;
  start: string;
  end: string;
}

/** One person's availability as the API shows it. */
export interface AvailabilityView {
  personId: string;
  displayName: string;
  timeZone: string;
  now: {
    status: 'working' | 'focus' | 'off' | 'not-working';
    localDate: string;
    localTime: string;
    utcOffsetMinutes: number;
    nextSlotAtMs: number | null;
    nextSlotAt: string | null;
  };
  intervals: IntervalView[];
}

interface Loaded {
  settings: RhythmSettings;
  timeOff: TimeOff[];
  compiled: CompiledRhythm;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const dayMs = 86_400_000;
/** Most profiles kept in memory; the oldest entry goes first past it. */
const maxCachedProfiles = 10_000;
/** Most people one team availability lists. TODO: page it once workspaces grow past this. */
const maxTeamSize = 1000;

function settingsOf(row: RhythmRow | undefined): RhythmSettings {
  if (!row) return defaultSettings();
  const hours = JSON.parse(row.hours) as Omit<RhythmInput, 'timeZone'>;
  return {
    rhythm: { timeZone: row.timeZone, ...hours },
    focus: JSON.parse(row.focus) as WeekInput,
    delivery: { mode: row.deliveryMode, batchTimes: JSON.parse(row.batchTimes) as string[] },
    updatedAt: row.updatedAt,
  };
}

function toRow(personId: string, settings: RhythmSettings, at: number): RhythmRow {
  const { timeZone, ...hours } = settings.rhythm;
  return {
    personId,
    timeZone,
    hours: JSON.stringify(hours),
    focus: JSON.stringify(settings.focus),
    deliveryMode: settings.delivery.mode,
    batchTimes: JSON.stringify(settings.delivery.batchTimes),
    updatedAt: at,
  };
}

const toTimeOff = (row: TimeOffRow): TimeOff => ({
  id: row.id,
  from: row.fromDate,
  to: row.toDate,
  note: row.note,
  createdAt: row.createdAt,
});

/** `fn()`, with a RhythmError turned into a 400 naming `prefix` + its path. */
function parsing<T>(prefix: string, fn: () => T, rename: (path: string) => string = (p) => p): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof RhythmError)) throw error;
    const path = rename(error.path);
    throw new InvalidRhythmField(path === '' ? prefix : `${prefix}.${path}`, error.message, error);
  }
}

/** Validates and normalises a rhythm as `PUT /api/v1/me/rhythm` takes it. */
function parseSettings(input: {
  rhythm: unknown;
  focus: unknown;
  delivery: DeliveryPreference;
}): Omit<RhythmSettings, 'updatedAt'> {
  const rhythm = parsing('body.rhythm', () => parseRhythm(input.rhythm)).toJSON();
  const blocks = parsing(
    'body.focus',
    () => parseBlocks({ week: input.focus }),
    (p) => p.replace(/^week\.?/, ''),
  );
  return {
    rhythm,
    focus: blocks.input.week ?? {},
    delivery: { mode: input.delivery.mode, batchTimes: normalizeBatchTimes(input.delivery.batchTimes) },
  };
}

/**
 * Rhythms: each person's working hours, focus blocks, time off and delivery preference; what others see of
 * them; and the delivery profiles the delivery engine plans with. One instance per process: it caches
 * compiled profiles and tells listeners about changes.
 */
export class RhythmService {
  private readonly profiles = new Map<string, DeliveryProfile>();
  private readonly listeners = new Set<RhythmChangedListener>();
  /** Counts changes, so that a profile loaded while one happened is not cached stale. */
  private changes = 0;

  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
    private readonly reportListenerError: (error: unknown) => void = (error) => console.error(error),
  ) {}

  /**
   * Calls `listener` with the person's id after each change of their rhythm, focus blocks, time off or
   * delivery preference in this process (so held deliveries can be re-planned). Returns an unsubscribe.
   */
  onRhythmChanged(listener: RhythmChangedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(personId: string): void {
    this.changes++;
    this.profiles.delete(personId);
    for (const listener of this.listeners) {
      try {
        void Promise.resolve(listener(personId)).catch(this.reportListenerError);
      } catch (error) {
        this.reportListenerError(error);
      }
    }
  }

  private async load(db: Executor, personIds: readonly string[]): Promise<Map<string, Loaded>> {
    const [rows, timeOffRows] = await Promise.all([
      repo.findRhythms(db, personIds),
      repo.listTimeOff(db, personIds),
    ]);
    const byPerson = new Map(rows.map((row) => [row.personId, row]));
    const loaded = new Map<string, Loaded>();
    for (const personId of new Set(personIds)) {
      const settings = settingsOf(byPerson.get(personId));
      const timeOff = timeOffRows.filter((t) => t.personId === personId).map(toTimeOff);
      loaded.set(personId, { settings, timeOff, compiled: compileRhythm(settings, timeOff) });
    }
    return loaded;
  }

  /** My rhythm, or the default (Mon–Fri 09:00–17:00 UTC, as they come) when I never saved one. */
  async get(caller: Caller): Promise<RhythmSettings> {
    return settingsOf(await repo.findRhythm(this.db, caller.personId));
  }

  /** Replaces my rhythm, focus blocks and delivery preference. */
  async put(
    caller: Caller,
    input: { rhythm: unknown; focus: unknown; delivery: DeliveryPreference },
  ): Promise<RhythmSettings> {
    assertAllowed(caller, 'self.manage');
    const at = this.now();
    const settings = { ...parseSettings(input), updatedAt: at };
    await repo.upsertRhythm(this.db, toRow(caller.personId, settings, at));
    this.changed(caller.personId);
    return settings;
  }

  /** My time off, by start date, with notes. */
  async listTimeOff(caller: Caller): Promise<TimeOff[]> {
    return (await repo.listTimeOff(this.db, [caller.personId])).map(toTimeOff);
  }

  /** Adds a stretch of my time off (local dates, inclusive). */
  async addTimeOff(caller: Caller, input: { from: string; to: string; note?: string }): Promise<TimeOff> {
    assertAllowed(caller, 'self.manage');
    const parsed = parsing(
      'body',
      () => parseBlocks({ dates: [{ from: input.from, to: input.to }] }),
      (p) => p.replace(/^dates\[0\]\./, ''),
    );
    const range = parsed.dates[0]!;
    if (range.to - range.from + 1 > maxTimeOffDays) {
      throw new InvalidRhythmField('body.to', `time off may last at most ${maxTimeOffDays} days`);
    }
    const at = this.now();
    const row: TimeOffRow = {
      id: newId(at),
      personId: caller.personId,
      fromDate: input.from,
      toDate: input.to,
      note: input.note ?? '',
      createdAt: at,
    };
    await this.db.transaction().execute(async (tx) => {
      if ((await repo.countTimeOff(tx, caller.personId)) >= maxTimeOffEntries) {
        throw new InvalidRhythmField(
          'body',
          `at most ${maxTimeOffEntries} stretches of time off; remove old ones`,
        );
      }
      await repo.insertTimeOff(tx, row);
    });
    this.changed(caller.personId);
    return toTimeOff(row);
  }

  /** Removes a stretch of my time off. */
  async removeTimeOff(caller: Caller, id: string): Promise<void> {
    assertAllowed(caller, 'self.manage');
    if (!(await repo.deleteTimeOff(this.db, caller.personId, id))) throw new TimeOffNotFound();
    this.changed(caller.personId);
  }

  private window(query: { from?: number | undefined; to?: number | undefined }): [number, number] {
    const from = query.from ?? this.now();
    const to = query.to ?? from + 7 * dayMs;
    if (to <= from) throw new InvalidRhythmField('query.to', 'must be after `from`');
    if (to - from > maxAvailabilityWindowMs)
      throw new InvalidRhythmField('query.to', 'at most 31 days after `from`');
    return [from, to];
  }

  private async views(personIds: string[], from: number, to: number): Promise<AvailabilityView[]> {
    const [loaded, people] = await Promise.all([
      this.load(this.db, personIds),
      findPeopleByIds(this.db, personIds),
    ]);
    const now = this.now();
    const names = new Map(people.map((p) => [p.id, p.displayName]));
    return personIds.map((personId) => {
      const { compiled, timeOff } = loaded.get(personId)!;
      const presence = presenceAt(compiled, timeOff, now);
      return {
        personId,
        displayName: names.get(personId) ?? '',
        timeZone: compiled.timeZone,
        now: {
          status: presence.status,
          localDate: presence.localDate,
          localTime: presence.localTime,
          utcOffsetMinutes: presence.utcOffsetMinutes,
          nextSlotAtMs: presence.nextSlotAt,
          nextSlotAt: presence.nextSlotAt === null ? null : iso(presence.nextSlotAt),
        },
        intervals: labelIntervals(compiled, from, to).map((i) => ({
          kind: i.kind,
          startMs: i.start,
          endMs: i.end,
          start: iso(i.start),
          end: iso(i.end),
        })),
      };
    });
  }

  /** When a member of my workspace works, focuses and is off in a window (never their time-off notes). */
  async personAvailability(
    caller: Caller,
    personId: string,
    query: { from?: number | undefined; to?: number | undefined },
  ): Promise<AvailabilityView & { from: string; to: string }> {
    assertAllowed(caller, 'availability.read');
    const membership = await findMembership(this.db, caller.workspaceId, personId);
    const [person] = membership ? await findPeopleByIds(this.db, [personId]) : [];
    if (!membership || membership.deactivatedAt !== null || !person || person.deactivatedAt !== null) {
      throw new PersonNotFound();
    }
    const [from, to] = this.window(query);
    const [view] = await this.views([personId], from, to);
    return { ...view!, from: iso(from), to: iso(to) };
  }

  /** The availability of my workspace's active members, or of a visible channel's members. */
  async teamAvailability(
    caller: Caller,
    query: { from?: number | undefined; to?: number | undefined; channelId?: string | undefined },
  ): Promise<{ from: string; to: string; people: AvailabilityView[] }> {
    assertAllowed(caller, 'availability.read');
    const personIds =
      query.channelId === undefined
        ? await this.activeMemberIds(caller.workspaceId)
        : await listVisibleChannelMemberIds(this.db, caller, query.channelId);
    const [from, to] = this.window(query);
    const people = await this.views(personIds.slice(0, maxTeamSize), from, to);
    people.sort((a, b) => a.displayName.localeCompare(b.displayName) || a.personId.localeCompare(b.personId));
    return { from: iso(from), to: iso(to), people };
  }

  private async activeMemberIds(workspaceId: string): Promise<string[]> {
    const ids: string[] = [];
    let after: { key: number; id: string } | undefined;
    while (ids.length < maxTeamSize) {
      const page = await listMemberships(this.db, workspaceId, { limit: 500, ...(after ? { after } : {}) });
      const active = page.filter((m) => m.deactivatedAt === null).map((m) => m.personId);
      ids.push(
        ...(await findPeopleByIds(this.db, active)).filter((p) => p.deactivatedAt === null).map((p) => p.id),
      );
      const last = page.at(-1);
      if (page.length < 500 || !last) break;
      after = { key: last.createdAt, id: last.personId };
    }
    return ids;
  }

  /**
   * The delivery profile of each person: zone, rhythm, delivery slots (working, not focus, not time off) and
   * preference. People without a stored rhythm get the default in UTC. Cached per person in this process and
   * dropped on every change made through this service. `db` is the executor to read with (a job's
   * transaction: on SQLite another connection would wait on the one the transaction holds).
   *
   * @example
   * const profiles = await rhythms.deliveryProfiles([recipientId]);
   * nextWorkingStart(profiles.get(recipientId)!.slots, now); // when a delivery may be released
   */
  async deliveryProfiles(personIds: string[], db: Executor = this.db): Promise<Map<string, DeliveryProfile>> {
    const found = new Map<string, DeliveryProfile>();
    const missing: string[] = [];
    for (const id of new Set(personIds)) {
      const cached = this.profiles.get(id);
      if (cached) found.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const changesBefore = this.changes;
    for (const [personId, { settings, compiled, timeOff }] of await this.load(db, missing)) {
      const profile: DeliveryProfile = {
        timeZone: compiled.timeZone,
        rhythm: compiled.rhythm,
        present: compiled.present,
        slots: compiled.slots,
        timeOff: timeOff.map((t) => ({ from: t.from, to: t.to })),
        mode: settings.delivery.mode,
        batchTimes: settings.delivery.batchTimes,
      };
      found.set(personId, profile);
      // A change while loading may have made this profile stale: use it, but do not keep it.
      if (this.changes !== changesBefore) continue;
      if (this.profiles.size >= maxCachedProfiles) this.profiles.delete(this.profiles.keys().next().value!);
      this.profiles.set(personId, profile);
    }
    return found;
  }
}

/**
 * Stores the default rhythm of a person who just signed up, in their browser's zone (UTC without one),
 * unless they have a rhythm already (an existing account joining another workspace keeps theirs). Runs in
 * the sign-up's transaction.
 */
export async function createDefaultRhythm(
  db: Executor,
  personId: string,
  timeZone: string | undefined,
  at: number,
): Promise<void> {
  const settings = defaultSettings(timeZone ?? 'UTC');
  parseRhythm(settings.rhythm); // an unknown zone fails here, before anything is written
  await repo.insertRhythmIfAbsent(db, toRow(personId, { ...settings, updatedAt: at }, at));
}
