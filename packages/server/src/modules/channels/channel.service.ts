import { assertAllowed, canSeeChannel } from '../access/index.js';
import type { ChannelFacts } from '../access/index.js';
import type { Caller } from '../../shared/caller.js';
import { newId } from '../../shared/new-id.js';
import { toPage } from '../../shared/keyset-page.js';
import type { Page, PageRequest } from '../../shared/keyset-page.js';
import { normalizeChannelName } from './channel.domain.js';
import { ChannelNameTaken, ChannelNotFound, PersonNotInWorkspace } from './channel.errors.js';
import * as repo from './channel.repository.js';
import type { ChannelWithMembership, Executor } from './channel.repository.js';

/** A channel as the API shows it to one caller. */
export interface ChannelView {
  id: string;
  name: string;
  description: string;
  visibility: 'public' | 'private';
  createdBy: string;
  createdAt: string;
  archivedAt: string | null;
  isMember: boolean;
}

/** A channel the caller may see, with the facts access rules need. */
export interface VisibleChannel {
  channel: ChannelWithMembership;
  facts: ChannelFacts;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The API view of a channel row. */
export function toChannelView(c: ChannelWithMembership): ChannelView {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    visibility: c.visibility,
    createdBy: c.createdBy,
    createdAt: iso(c.createdAt),
    archivedAt: c.archivedAt === null ? null : iso(c.archivedAt),
    isMember: c.isMember,
  };
}

const factsOf = (c: ChannelWithMembership): ChannelFacts => ({
  visibility: c.visibility,
  isMember: c.isMember,
  isArchived: c.archivedAt !== null,
});

/**
 * Loads a channel of the caller's workspace that the caller may see. Missing, foreign and hidden channels
 * all throw the same {@link ChannelNotFound}.
 */
export async function loadVisibleChannel(
  db: Executor,
  caller: Caller,
  channelId: string,
): Promise<VisibleChannel> {
  const channel = await repo.findChannel(db, caller.workspaceId, caller.personId, channelId);
  const visible = channel && asVisibleChannel(caller, channel);
  if (!visible) throw new ChannelNotFound();
  return visible;
}

/**
 * A channel row of the caller's workspace, read with the caller's membership (e.g. joined to the row of
 * a thread), as a {@link VisibleChannel}; null when the caller may not see it.
 */
export function asVisibleChannel(caller: Caller, channel: ChannelWithMembership): VisibleChannel | null {
  const facts = factsOf(channel);
  return canSeeChannel(caller, facts) ? { channel, facts } : null;
}

/** Ids of every channel of the caller's workspace the caller may read. */
export function listReadableChannelIds(db: Executor, caller: Caller): Promise<string[]> {
  return repo.listReadableChannelIds(db, caller.workspaceId, caller.personId, caller.role !== 'guest');
}

/** Ids of the active members of a channel the caller may see (missing or hidden: {@link ChannelNotFound}). */
export async function listVisibleChannelMemberIds(
  db: Executor,
  caller: Caller,
  channelId: string,
): Promise<string[]> {
  await loadVisibleChannel(db, caller, channelId);
  return repo.listChannelMemberIds(db, caller.workspaceId, channelId);
}

/**
 * Which of `personIds` are active members of the caller's workspace who may read the channel; any other
 * id fails with `invalid_reference` at `path`.
 */
export async function assertPeopleCanSeeChannel(
  db: Executor,
  caller: Caller,
  channel: VisibleChannel,
  personIds: readonly string[],
  path: string,
): Promise<void> {
  const unique = [...new Set(personIds)];
  const facts = await repo.findMemberFacts(db, caller.workspaceId, channel.channel.id, unique);
  const readers = new Set(
    facts
      .filter((f) =>
        canSeeChannel(
          { ...caller, personId: f.personId, role: f.role },
          { ...channel.facts, isMember: f.isChannelMember },
        ),
      )
      .map((f) => f.personId),
  );
  const index = personIds.findIndex((id) => !readers.has(id));
  if (index >= 0) throw new PersonNotInWorkspace(`${path}.${index}`);
}

/** Which of `personIds` are active members of the caller's workspace who may read the channel (in order). */
export async function filterChannelReaders(
  db: Executor,
  caller: Caller,
  channel: VisibleChannel,
  personIds: readonly string[],
): Promise<string[]> {
  const facts = await repo.findMemberFacts(db, caller.workspaceId, channel.channel.id, [
    ...new Set(personIds),
  ]);
  const readers = new Set(
    facts
      .filter((f) =>
        canSeeChannel(
          { ...caller, personId: f.personId, role: f.role },
          { ...channel.facts, isMember: f.isChannelMember },
        ),
      )
      .map((f) => f.personId),
  );
  return personIds.filter((id) => readers.has(id));
}

/** Channels: create, list, read, rename, archive, join, and manage members. */
export class ChannelService {
  constructor(
    private readonly db: Executor,
    private readonly now: () => number = Date.now,
  ) {}

  async create(
    caller: Caller,
    input: { name: string; description?: string; visibility: 'public' | 'private' },
  ): Promise<ChannelView> {
    assertAllowed(caller, 'channel.create', {}, 'channel');
    const at = this.now();
    const row = {
      id: newId(at),
      workspaceId: caller.workspaceId,
      name: input.name.trim(),
      nameNormalized: normalizeChannelName(input.name),
      description: input.description ?? '',
      visibility: input.visibility,
      createdBy: caller.personId,
      createdAt: at,
      archivedAt: null,
    };
    await this.db.transaction().execute(async (tx) => {
      if (!(await repo.insertChannel(tx, row))) throw new ChannelNameTaken();
      await repo.addChannelMember(tx, row.id, caller.personId, at);
    });
    return toChannelView({ ...row, isMember: true });
  }

  async list(caller: Caller, page: PageRequest): Promise<Page<ChannelView>> {
    assertAllowed(caller, 'channel.list');
    const rows = await repo.listChannels(
      this.db,
      caller.workspaceId,
      caller.personId,
      caller.role !== 'guest',
      {
        ...page,
        limit: page.limit + 1,
      },
    );
    const result = toPage(rows, page.limit, (c) => ({ key: c.nameNormalized, id: c.id }));
    return { items: result.items.map(toChannelView), nextCursor: result.nextCursor };
  }

  async get(caller: Caller, channelId: string): Promise<ChannelView> {
    return toChannelView((await loadVisibleChannel(this.db, caller, channelId)).channel);
  }

  async update(
    caller: Caller,
    channelId: string,
    input: { name?: string; description?: string },
  ): Promise<ChannelView> {
    return this.db.transaction().execute(async (tx) => {
      const { channel, facts } = await loadVisibleChannel(tx, caller, channelId);
      assertAllowed(caller, 'channel.manage', { channel: facts }, 'channel');
      const changes = {
        ...(input.name === undefined
          ? {}
          : { name: input.name.trim(), nameNormalized: normalizeChannelName(input.name) }),
        ...(input.description === undefined ? {} : { description: input.description }),
      };
      if (!(await repo.updateChannel(tx, channelId, changes))) throw new ChannelNameTaken();
      return toChannelView({ ...channel, ...changes });
    });
  }

  async setArchived(caller: Caller, channelId: string, archived: boolean): Promise<ChannelView> {
    return this.db.transaction().execute(async (tx) => {
      const { channel, facts } = await loadVisibleChannel(tx, caller, channelId);
      assertAllowed(caller, 'channel.manage', { channel: facts }, 'channel');
      const archivedAt = archived ? (channel.archivedAt ?? this.now()) : null;
      await repo.updateChannel(tx, channelId, { archivedAt });
      return toChannelView({ ...channel, archivedAt });
    });
  }

  async join(caller: Caller, channelId: string): Promise<ChannelView> {
    return this.db.transaction().execute(async (tx) => {
      const { channel, facts } = await loadVisibleChannel(tx, caller, channelId);
      assertAllowed(caller, 'channel.join', { channel: facts }, 'channel');
      await repo.addChannelMember(tx, channelId, caller.personId, this.now());
      return toChannelView({ ...channel, isMember: true });
    });
  }

  /** Adds a person of the workspace (guests included) to a channel the caller manages. */
  async addMember(caller: Caller, channelId: string, personId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const { facts } = await loadVisibleChannel(tx, caller, channelId);
      assertAllowed(caller, 'channel.manage', { channel: facts }, 'channel');
      const found = await repo.findMemberFacts(tx, caller.workspaceId, channelId, [personId]);
      if (found.length === 0) throw new PersonNotInWorkspace('params.personId');
      await repo.addChannelMember(tx, channelId, personId, this.now());
    });
  }

  /** Removes a member; anyone who sees the channel may remove themselves (leave). */
  async removeMember(caller: Caller, channelId: string, personId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const { facts } = await loadVisibleChannel(tx, caller, channelId);
      const isSelf = personId === caller.personId;
      assertAllowed(caller, isSelf ? 'channel.leave' : 'channel.manage', { channel: facts }, 'channel');
      await repo.removeChannelMember(tx, channelId, personId);
    });
  }
}
