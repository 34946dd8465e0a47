import { isTimeZone } from '@meanwhile/time';
import { assertAllowed } from '../access/index.js';
import type { AgreementService, SyncWindow } from '../agreements/index.js';
import { listVisibleChannelMemberIds } from '../channels/index.js';
import type { Executor } from '../channels/index.js';
import { findPeopleByIds } from '../people/index.js';
import type { RhythmService } from '../rhythms/index.js';
import { listActiveMembershipsOfPerson, listMemberships } from '../workspaces/index.js';
import type { Caller } from '../../shared/caller.js';
import type { Clock } from '../../shared/clock.js';
import type { EventPublisher } from '../../shared/event-publisher.js';
import { candidateWindows } from './sync.domain.js';
import type { CandidateWindow, SyncPerson, WeeklyPattern } from './sync.domain.js';
import { uncoveredWindows } from './sync-coverage.js';
import { InvalidSyncField } from './sync.errors.js';

/** A person as the candidates name them. */
export interface PersonRef {
  personId: string;
  displayName: string;
  timeZone: string;
}

/** Candidate windows and weekly patterns, with people named. */
export interface CandidatesView {
  from: string;
  to: string;
  durationMinutes: number;
  people: number;
  windows: {
    start: string;
    end: string;
    included: number;
    humane: number;
    leftOut: PersonRef[];
  }[];
  patterns: {
    label: string;
    timeZone: string;
    days: string[];
    hours: string;
    occurrences: number;
    included: number;
    leftOut: PersonRef[];
  }[];
}

const dayMs = 86_400_000;
/** Candidates look four weeks ahead. */
export const candidateHorizonMs = 28 * dayMs;
/** Most people the candidates consider. TODO: page past it once workspaces grow beyond. */
const maxPeople = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Sync time: candidate windows from the overlap of a team's rhythms, and telling people (and the admins)
 * when a person's rhythm no longer covers a window the agreement fixed. The windows themselves are fixed
 * in the agreement (`PUT /api/v1/agreement`, versioned).
 */
export class SyncService {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly rhythms: Pick<RhythmService, 'deliveryProfiles'>,
    private readonly agreements: Pick<AgreementService, 'currentAgreement'>,
    private readonly events: EventPublisher<Executor>,
  ) {}

  private async activeMemberIds(workspaceId: string): Promise<string[]> {
    const ids: string[] = [];
    let after: { key: number; id: string } | undefined;
    while (ids.length < maxPeople) {
      const page = await listMemberships(this.db, workspaceId, { limit: 500, ...(after ? { after } : {}) });
      const active = page.filter((m) => m.deactivatedAt === null).map((m) => m.personId);
      const people = await findPeopleByIds(this.db, active);
      ids.push(...people.filter((p) => p.deactivatedAt === null).map((p) => p.id));
      const last = page.at(-1);
      if (page.length < 500 || !last) break;
      after = { key: last.createdAt, id: last.personId };
    }
    return ids.slice(0, maxPeople).sort();
  }

  private async team(personIds: string[]): Promise<{ people: SyncPerson[]; refs: PersonRef[] }> {
    const [profiles, rows] = await Promise.all([
      this.rhythms.deliveryProfiles(personIds),
      findPeopleByIds(this.db, personIds),
    ]);
    const names = new Map(rows.map((p) => [p.id, p.displayName]));
    const people = personIds.map((personId) => ({ personId, slots: profiles.get(personId)!.slots }));
    const refs = personIds.map((personId) => ({
      personId,
      displayName: names.get(personId) ?? '',
      timeZone: profiles.get(personId)!.timeZone,
    }));
    return { people, refs };
  }

  /** Candidate windows for my workspace, or a visible channel's members, over the next four weeks. */
  async candidates(
    caller: Caller,
    query: {
      channelId?: string | undefined;
      durationMinutes: number;
      from?: number | undefined;
      timeZone?: string | undefined;
    },
  ): Promise<CandidatesView> {
    assertAllowed(caller, 'availability.read');
    if (query.timeZone !== undefined && !isTimeZone(query.timeZone))
      throw new InvalidSyncField('query.timeZone', 'is not an IANA time zone');
    const ids =
      query.channelId === undefined
        ? await this.activeMemberIds(caller.workspaceId)
        : (await listVisibleChannelMemberIds(this.db, caller, query.channelId)).slice(0, maxPeople);
    const { people, refs } = await this.team(ids);
    const from = query.from ?? this.clock.now();
    const to = from + candidateHorizonMs;
    const zone =
      query.timeZone ??
      (await this.rhythms.deliveryProfiles([caller.personId])).get(caller.personId)!.timeZone;
    const result = candidateWindows(people, from, to, {
      durationMs: query.durationMinutes * 60_000,
      patternZone: zone,
    });
    const named = (indices: number[]) => indices.map((i) => refs[i]!);
    return {
      from: iso(from),
      to: iso(to),
      durationMinutes: query.durationMinutes,
      people: people.length,
      windows: result.windows.map((w: CandidateWindow) => ({
        start: iso(w.start),
        end: iso(w.end),
        included: w.included.length,
        humane: Math.round(w.humane * 100) / 100,
        leftOut: named(w.leftOut),
      })),
      patterns: result.patterns.map((p: WeeklyPattern) => ({
        label: p.label,
        timeZone: p.timeZone,
        days: p.days,
        hours: p.hours,
        occurrences: p.occurrences,
        included: p.included.length,
        leftOut: named(p.leftOut),
      })),
    };
  }

  /** Which of the agreement's fixed windows each member's rhythm no longer covers (next four weeks). */
  async coverage(caller: Caller): Promise<{ windows: { window: SyncWindow; notCovered: PersonRef[] }[] }> {
    assertAllowed(caller, 'availability.read');
    const { syncWindows } = await this.agreements.currentAgreement(caller.workspaceId);
    const { people, refs } = await this.team(await this.activeMemberIds(caller.workspaceId));
    const now = this.clock.now();
    return {
      windows: syncWindows.map((window) => ({
        window,
        notCovered: people
          .map((p, i) => ({ p, i }))
          .filter(({ p }) => uncoveredWindows(p.slots, [window], now, now + candidateHorizonMs).length > 0)
          .map(({ i }) => refs[i]!),
      })),
    };
  }

  /**
   * After a person's rhythm changed: in each of their workspaces, tells them and the admins which fixed
   * windows their rhythm no longer covers, with the best candidate windows as alternatives (an event, a
   * notice in their inbox stream; never an interrupt).
   */
  async notifyUncovered(personId: string): Promise<void> {
    const profile = (await this.rhythms.deliveryProfiles([personId])).get(personId);
    if (!profile) return;
    const now = this.clock.now();
    for (const membership of await listActiveMembershipsOfPerson(this.db, personId)) {
      const { syncWindows } = await this.agreements.currentAgreement(membership.workspaceId);
      const missed = uncoveredWindows(profile.slots, syncWindows, now, now + candidateHorizonMs);
      if (missed.length === 0) continue;
      const { people } = await this.team(await this.activeMemberIds(membership.workspaceId));
      const alternatives = candidateWindows(people, now, now + candidateHorizonMs, {
        durationMs: 60 * 60_000,
        limit: 3,
        patternZone: profile.timeZone,
      }).patterns.map((p) => p.label);
      const admins = (await listMemberships(this.db, membership.workspaceId, { limit: 500 }))
        .filter((m) => m.deactivatedAt === null && (m.role === 'admin' || m.role === 'owner'))
        .map((m) => m.personId);
      const recipients = [...new Set([personId, ...admins])].sort();
      await this.events.publish(
        this.db,
        recipients.map((recipient) => ({
          workspaceId: membership.workspaceId,
          personId: recipient,
          type: 'sync.window-uncovered',
          payload: { personId, windows: missed, alternatives },
        })),
      );
    }
  }
}
