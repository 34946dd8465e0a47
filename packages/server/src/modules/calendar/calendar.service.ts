import { timingSafeEqual } from 'node:crypto';
import { assertAllowed } from '../access/index.js';
import type { AgreementService } from '../agreements/index.js';
import type { MeetingService } from '../meetings/index.js';
import { findPeopleByIds } from '../people/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { windowOccurrences } from '../sync/index.js';
import { findMembership } from '../workspaces/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import { OutgoingFetchError } from '../../shared/outgoing-fetch.js';
import type { FetchText } from '../../shared/outgoing-fetch.js';
import { hashSecret, newSecret } from '../../shared/secrets.js';
import { NotICalendar, parseBusy } from './busy-parse.js';
import { BusyImportNotFound, FeedNotFound, InvalidRange, PersonNotFound } from './calendar.errors.js';
import { focusEvents, syncWindowEvents, timeOffEvents } from './calendar.domain.js';
import { renderFeed } from './calendar.feed.js';
import type { FeedEvent } from './calendar.feed.js';
import * as repo from './calendar.repository.js';
import type { Executor } from './calendar.repository.js';

/**
 * More events for a person's feed: due asks, decision closes… A module that owns such times provides one
 * (buildApp passes them in); the feed asks each for `[from, to)` and gives every event a stable UID from
 * its `key`.
 */
export type FeedSource = (
  workspaceId: string,
  personId: string,
  from: number,
  to: number,
) => Promise<FeedEvent[]>;

/** A feed's state as its owner sees it; the URL only right after it was made (only its hash is kept). */
export interface FeedView {
  exists: boolean;
  createdAt: string | null;
  /** `/calendar/<workspace>/<token>.ics`: set only in the answer that made the token. */
  path: string | null;
}

/** An imported calendar as its owner sees it. */
export interface BusyImportView {
  url: string | null;
  fetchedAt: string | null;
  error: string | null;
  busy: { start: string; end: string }[];
}

const dayMs = 86_400_000;
/** The feed shows from two weeks back to eight weeks ahead. */
const feedBackMs = 14 * dayMs;
const feedAheadMs = 56 * dayMs;
/** Busy times are read for the next eight weeks. */
const busyAheadMs = 56 * dayMs;
const iso = (ms: number) => new Date(ms).toISOString();

/** Whether two hex hashes are equal, in time independent of where they differ. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Calendar feeds: each person's private iCalendar feed per workspace (sync windows, meetings, focus blocks,
 * time off, and what {@link FeedSource}s add), reached by a URL whose token is stored hashed and can be
 * rotated; and the import of a person's busy times from a calendar URL they give.
 */
export class CalendarService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly meetings: Pick<MeetingService, 'meetingsOf'>,
    private readonly fetchText: FetchText,
    private readonly sources: readonly FeedSource[] = [],
  ) {}

  /** Whether I have a feed in this workspace (never its URL: only the hash of its token is kept). */
  async getFeed(caller: Caller): Promise<FeedView> {
    assertAllowed(caller, 'calendar.manage');
    const row = await repo.findFeed(this.db, caller.workspaceId, caller.personId);
    return { exists: row !== undefined, createdAt: row ? iso(row.createdAt) : null, path: null };
  }

  /** Makes my feed, or gives it a new token: the old URL stops working at once. */
  async rotateFeed(caller: Caller): Promise<FeedView> {
    assertAllowed(caller, 'calendar.manage');
    // 256 random bits, base64url: only its SHA-256 is stored.
    const token = newSecret();
    const at = this.clock.now();
    await repo.upsertFeed(this.db, {
      workspaceId: caller.workspaceId,
      personId: caller.personId,
      tokenHash: hashSecret(token),
      createdAt: at,
    });
    return { exists: true, createdAt: iso(at), path: `/calendar/${caller.workspaceId}/${token}.ics` };
  }

  /** Removes my feed. */
  async deleteFeed(caller: Caller): Promise<void> {
    assertAllowed(caller, 'calendar.manage');
    if (!(await repo.deleteFeed(this.db, caller.workspaceId, caller.personId))) throw new FeedNotFound();
  }

  /** The feed a URL names, as iCalendar text; {@link FeedNotFound} for any wrong token or workspace. */
  async renderFeed(workspaceId: string, token: string): Promise<string> {
    const hash = hashSecret(token);
    const row = await repo.findFeedByHash(this.db, hash);
    // The lookup goes by hash; the compare is constant-time all the same, and the workspace must match.
    if (!row || !sameHash(row.tokenHash, hash) || row.workspaceId !== workspaceId) throw new FeedNotFound();
    const membership = await findMembership(this.db, workspaceId, row.personId);
    const [person] = await findPeopleByIds(this.db, [row.personId]);
    if (!membership || membership.deactivatedAt !== null || !person || person.deactivatedAt !== null)
      throw new FeedNotFound();
    const now = this.clock.now();
    const from = Math.floor((now - feedBackMs) / dayMs) * dayMs;
    const to = from + feedBackMs + feedAheadMs;
    return renderFeed({
      name: `Meanwhile: ${person.displayName}`,
      ownerKey: `${workspaceId}:${row.personId}`,
      timeZone: (await this.rhythms.deliveryProfiles([row.personId])).get(row.personId)!.timeZone,
      from,
      to,
      now,
      events: await this.feedEvents(workspaceId, row.personId, from, to),
    });
  }

  private async feedEvents(
    workspaceId: string,
    personId: string,
    from: number,
    to: number,
  ): Promise<FeedEvent[]> {
    const [profiles, agreement, meetings, ...extra] = await Promise.all([
      this.rhythms.deliveryProfiles([personId]),
      this.agreements.currentAgreement(workspaceId),
      this.meetings.meetingsOf(workspaceId, personId, from, to),
      ...this.sources.map((source) => source(workspaceId, personId, from, to)),
    ]);
    const profile = profiles.get(personId)!;
    const meetingEvents: FeedEvent[] = meetings.map((m) => ({
      key: `meeting:${m.id}`,
      summary: m.title,
      description: `Agenda thread: ${m.agendaThreadId}${m.outsideWindowReason === null ? '' : `\nOutside the sync windows: ${m.outsideWindowReason}`}${m.lateChanges > 0 ? '\nChanged late (inside the notice).' : ''}`,
      start: Date.parse(m.startsAt),
      end: Date.parse(m.endsAt),
      transparency: 'busy',
      category: 'meeting',
    }));
    return [
      ...syncWindowEvents(
        agreement.syncWindows.map((window) => ({ window, occurrences: windowOccurrences(window, from, to) })),
      ),
      ...meetingEvents,
      ...focusEvents(profile.present, profile.slots, from, to),
      ...timeOffEvents(profile.timeOff),
      ...extra.flat(),
    ];
  }

  private async readBusy(url: string, now: number): Promise<[number, number][]> {
    const text = await this.fetchText(url);
    try {
      return parseBusy(text, now, now + busyAheadMs);
    } catch (error) {
      if (error instanceof NotICalendar)
        throw new OutgoingFetchError('failed', 'the URL did not answer with an iCalendar file');
      throw error;
    }
  }

  /** Imports my busy times from a calendar URL I give (fetched with the outgoing-URL protections). */
  async importBusy(caller: Caller, url: string): Promise<BusyImportView> {
    assertAllowed(caller, 'calendar.manage');
    const now = this.clock.now();
    const busy = await this.readBusy(url, now);
    const row = {
      personId: caller.personId,
      url,
      busy: JSON.stringify(busy),
      fetchedAt: now,
      error: null,
      updatedAt: now,
    };
    await repo.upsertBusyImport(this.db, row);
    return this.importView(row);
  }

  /** My imported calendar. */
  async getBusyImport(caller: Caller): Promise<BusyImportView> {
    assertAllowed(caller, 'calendar.manage');
    const row = await repo.findBusyImport(this.db, caller.personId);
    return row ? this.importView(row) : { url: null, fetchedAt: null, error: null, busy: [] };
  }

  /** Forgets my imported calendar. */
  async deleteBusyImport(caller: Caller): Promise<void> {
    assertAllowed(caller, 'calendar.manage');
    if (!(await repo.deleteBusyImport(this.db, caller.personId))) throw new BusyImportNotFound();
  }

  private importView(row: {
    url: string;
    busy: string;
    fetchedAt: number | null;
    error: string | null;
  }): BusyImportView {
    return {
      url: row.url,
      fetchedAt: row.fetchedAt === null ? null : iso(row.fetchedAt),
      error: row.error,
      busy: (JSON.parse(row.busy) as [number, number][]).map(([s, e]) => ({ start: iso(s), end: iso(e) })),
    };
  }

  /**
   * A member's imported busy times in `[from, to)`, as the rhythm view shows them: intervals only, never
   * the URL or any title. Anyone of the workspace who may see availability.
   */
  async busyOf(
    caller: Caller,
    personId: string,
    range: { from?: number | undefined; to?: number | undefined },
  ): Promise<{ personId: string; busy: { start: string; end: string }[] }> {
    assertAllowed(caller, 'availability.read');
    const membership = await findMembership(this.db, caller.workspaceId, personId);
    if (!membership || membership.deactivatedAt !== null) throw new PersonNotFound();
    const from = range.from ?? this.clock.now();
    const to = range.to ?? from + 7 * dayMs;
    if (to <= from) throw new InvalidRange('must be after `from`');
    if (to - from > 31 * dayMs) throw new InvalidRange('at most 31 days after `from`');
    const row = await repo.findBusyImport(this.db, personId);
    const busy = row ? (JSON.parse(row.busy) as [number, number][]) : [];
    return {
      personId,
      busy: busy
        .filter(([s, e]) => e > from && s < to)
        .map(([s, e]) => ({ start: iso(Math.max(s, from)), end: iso(Math.min(e, to)) })),
    };
  }
}
