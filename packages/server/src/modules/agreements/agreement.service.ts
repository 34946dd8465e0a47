import { assertAllowed } from '../access/index.js';
import { loadVisibleChannel } from '../channels/index.js';
import type { Caller } from '../../shared/caller.js';
import type { AgreementVersionRow } from '../../shared/database.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { defaultAgreement, normalizeTimes, renderAgreement, withOverrides } from './agreement.domain.js';
import type { Agreement, ReplyWindowOverrides, ReplyWindows } from './agreement.domain.js';
import { StaleAgreement } from './agreement.errors.js';
import * as repo from './agreement.repository.js';
import type { Executor } from './agreement.repository.js';

/** A version of the agreement as the API shows it; version 0 is the defaults. */
export interface AgreementVersionView {
  version: number;
  agreement: Agreement;
  changedBy: string | null;
  changedAt: string | null;
  reason: string | null;
}

/** A channel's reply windows as the API shows them. */
export interface ChannelAgreementView {
  channelId: string;
  overrides: ReplyWindowOverrides;
  replyWindows: ReplyWindows;
  updatedBy: string | null;
  updatedAt: string | null;
  reason: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toView(row: AgreementVersionRow | undefined): AgreementVersionView {
  if (!row)
    return { version: 0, agreement: defaultAgreement(), changedBy: null, changedAt: null, reason: null };
  return {
    // Stored agreements written before a field existed get that field's default.
    version: row.version,
    agreement: { ...defaultAgreement(), ...(JSON.parse(row.body) as Partial<Agreement>) },
    changedBy: row.authorId,
    changedAt: iso(row.createdAt),
    reason: row.reason,
  };
}

/** Whether an `If-Match` header lets a change of version `version` go ahead (absent and `*` do). */
function isIfMatchSatisfied(header: string | undefined, version: number): boolean {
  if (header === undefined || header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim() === `"${version}"`);
}

/** The entity tag of an agreement version: `"3"`. */
export function agreementEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether a workspace's agreement allows mentioning a whole channel (`@channel`, `@all`). For the posts
 * module, inside its transaction: no caller, no authorization.
 */
export async function areChannelMentionsAllowed(db: Executor, workspaceId: string): Promise<boolean> {
  return toView(await repo.findCurrentVersion(db, workspaceId)).agreement.allowChannelMentions;
}

/**
 * The working agreement of each workspace, kept as versions with author, time and reason, and the reply
 * windows channels override.
 */
export class AgreementService {
  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The agreement in force in a workspace, with a channel's reply-window overrides when `channelId` is given
   * (a channel of another workspace is ignored). For the delivery engine: no caller, no authorization; `db`
   * is the executor to read with (the caller's transaction).
   */
  async currentAgreement(
    workspaceId: string,
    channelId?: string,
    db: Executor = this.db,
  ): Promise<Agreement> {
    const { agreement } = toView(await repo.findCurrentVersion(db, workspaceId));
    if (channelId === undefined) return agreement;
    const row = await repo.findChannelAgreement(db, workspaceId, channelId);
    return row ? withOverrides(agreement, JSON.parse(row.replyWindows) as ReplyWindowOverrides) : agreement;
  }

  /** The current version of my workspace's agreement. */
  async get(caller: Caller): Promise<AgreementVersionView> {
    assertAllowed(caller, 'agreement.read');
    return toView(await repo.findCurrentVersion(this.db, caller.workspaceId));
  }

  /** The versions of my workspace's agreement, newest first. */
  async versions(caller: Caller, page: PageRequest): Promise<Page<AgreementVersionView>> {
    assertAllowed(caller, 'agreement.read');
    const rows = await repo.listVersions(this.db, caller.workspaceId, { ...page, limit: page.limit + 1 });
    const result = toPage(rows, page.limit, (v) => ({ key: v.version, id: String(v.version) }));
    return { items: result.items.map(toView), nextCursor: result.nextCursor };
  }

  /** The agreement as the "How we work" markdown document. */
  async document(caller: Caller): Promise<{ version: number; markdown: string }> {
    const current = await this.get(caller);
    const changedAt = current.changedAt === null ? null : Date.parse(current.changedAt);
    return {
      version: current.version,
      markdown: renderAgreement(current.agreement, { version: current.version, changedAt }),
    };
  }

  /**
   * Replaces the agreement with a new version (owners and admins). `ifMatch` is the request's `If-Match`:
   * naming another version than the current one fails with 412, as does losing a race to another change.
   */
  async change(
    caller: Caller,
    input: {
      agreement: Omit<Agreement, 'replyWindows'> & {
        replyWindows: Omit<ReplyWindows, 'fyi'> & { fyi?: null | undefined };
      };
      reason: string;
    },
    ifMatch: string | undefined,
  ): Promise<AgreementVersionView> {
    assertAllowed(caller, 'agreement.manage');
    const agreement: Agreement = {
      ...input.agreement,
      replyWindows: { ...input.agreement.replyWindows, fyi: null },
      emergencyRoles: [...new Set(input.agreement.emergencyRoles)],
      digestTimes: normalizeTimes(input.agreement.digestTimes),
    };
    return this.db.transaction().execute(async (tx) => {
      const current = await repo.findCurrentVersion(tx, caller.workspaceId);
      const version = current?.version ?? 0;
      if (!isIfMatchSatisfied(ifMatch, version)) throw new StaleAgreement();
      const row: AgreementVersionRow = {
        workspaceId: caller.workspaceId,
        version: version + 1,
        body: JSON.stringify(agreement),
        authorId: caller.personId,
        reason: input.reason,
        createdAt: this.now(),
      };
      if (!(await repo.insertVersion(tx, row))) throw new StaleAgreement();
      return toView(row);
    });
  }

  private async channelView(channelId: string, workspaceId: string): Promise<ChannelAgreementView> {
    const [agreement, row] = await Promise.all([
      this.currentAgreement(workspaceId),
      repo.findChannelAgreement(this.db, workspaceId, channelId),
    ]);
    const overrides = row ? (JSON.parse(row.replyWindows) as ReplyWindowOverrides) : {};
    return {
      channelId,
      overrides,
      replyWindows: withOverrides(agreement, overrides).replyWindows,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row ? iso(row.updatedAt) : null,
      reason: row?.reason ?? null,
    };
  }

  /** A visible channel's reply windows. */
  async getChannel(caller: Caller, channelId: string): Promise<ChannelAgreementView> {
    await loadVisibleChannel(this.db, caller, channelId);
    return this.channelView(channelId, caller.workspaceId);
  }

  /** Replaces a channel's reply-window overrides (those who manage the channel: its members and admins). */
  async changeChannel(
    caller: Caller,
    channelId: string,
    input: { replyWindows: ReplyWindowOverrides; reason: string },
  ): Promise<ChannelAgreementView> {
    const { facts } = await loadVisibleChannel(this.db, caller, channelId);
    assertAllowed(caller, 'channel.manage', { channel: facts }, 'channel');
    const overrides: ReplyWindowOverrides = {};
    for (const level of ['today', 'soon', 'normal'] as const) {
      const hours = input.replyWindows[level];
      if (hours !== undefined) overrides[level] = hours;
    }
    await repo.upsertChannelAgreement(this.db, {
      channelId,
      workspaceId: caller.workspaceId,
      replyWindows: JSON.stringify(overrides),
      updatedBy: caller.personId,
      reason: input.reason,
      updatedAt: this.now(),
    });
    return this.channelView(channelId, caller.workspaceId);
  }
}
