import { describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/caller.js';
import type { Role } from '../../shared/database.js';
import { decide } from './access.domain.js';
import type { ChannelFacts } from './access.domain.js';

const caller = (role: Role, scope: Caller['scope'] = 'read-write'): Caller => ({
  personId: 'me',
  workspaceId: 'w',
  role,
  via: 'session',
  scope,
  credentialId: 's',
});
const channel = (over: Partial<ChannelFacts> = {}): ChannelFacts => ({
  visibility: 'public',
  isMember: false,
  isArchived: false,
  ...over,
});

describe('decide', () => {
  it('hides private channels from non-members of every role, admins included', () => {
    for (const role of ['owner', 'admin', 'member', 'guest'] as const) {
      expect(
        decide(caller(role), 'channel.read', { channel: channel({ visibility: 'private' }) }),
      ).toMatchObject({
        allowed: false,
        reason: 'not_found',
      });
    }
  });

  it('shows a guest only the channels it was added to', () => {
    expect(decide(caller('guest'), 'channel.read', { channel: channel() }).allowed).toBe(false);
    expect(decide(caller('guest'), 'channel.read', { channel: channel({ isMember: true }) }).allowed).toBe(
      true,
    );
  });

  it('lets the author or an admin delete a post, not another member', () => {
    const target = { channel: channel(), authorId: 'someone' };
    expect(decide(caller('member'), 'post.delete', target)).toMatchObject({
      allowed: false,
      reason: 'forbidden',
    });
    expect(decide(caller('admin'), 'post.delete', target).allowed).toBe(true);
    expect(decide(caller('member'), 'post.delete', { ...target, authorId: 'me' }).allowed).toBe(true);
  });

  it('lets only the author edit, even an owner may not', () => {
    expect(decide(caller('owner'), 'post.edit', { channel: channel(), authorId: 'someone' }).allowed).toBe(
      false,
    );
  });

  it('refuses writes in archived channels and to read-only tokens', () => {
    expect(decide(caller('member'), 'channel.post', { channel: channel({ isArchived: true }) }).allowed).toBe(
      false,
    );
    expect(decide(caller('owner', 'read'), 'channel.post', { channel: channel() }).allowed).toBe(false);
    expect(decide(caller('owner', 'read'), 'channel.read', { channel: channel() }).allowed).toBe(true);
  });

  it('lets admins manage members and guests, and only owners manage admins', () => {
    expect(
      decide(caller('admin'), 'people.manage', { subjectRole: 'member', grantedRole: 'guest' }).allowed,
    ).toBe(true);
    expect(decide(caller('admin'), 'people.manage', { subjectRole: 'admin' }).allowed).toBe(false);
    expect(
      decide(caller('admin'), 'people.manage', { subjectRole: 'member', grantedRole: 'admin' }).allowed,
    ).toBe(false);
    expect(
      decide(caller('owner'), 'people.manage', { subjectRole: 'admin', grantedRole: 'member' }).allowed,
    ).toBe(true);
    expect(decide(caller('member'), 'people.manage', { subjectRole: 'guest' }).allowed).toBe(false);
  });

  it('lets the author or an admin rename a thread, not another member', () => {
    const target = { channel: channel(), authorId: 'someone' };
    expect(decide(caller('member'), 'thread.edit', target).allowed).toBe(false);
    expect(decide(caller('admin'), 'thread.edit', target).allowed).toBe(true);
    expect(decide(caller('member'), 'thread.edit', { ...target, authorId: 'me' }).allowed).toBe(true);
  });

  it('never lets a guest manage a channel, even one it belongs to', () => {
    expect(decide(caller('guest'), 'channel.manage', { channel: channel({ isMember: true }) }).allowed).toBe(
      false,
    );
    expect(decide(caller('member'), 'channel.manage', { channel: channel({ isMember: true }) }).allowed).toBe(
      true,
    );
  });

  it('lets anyone who sees a channel follow its threads, but not with a read-only token', () => {
    expect(decide(caller('guest'), 'thread.follow', { channel: channel({ isMember: true }) }).allowed).toBe(
      true,
    );
    expect(decide(caller('member', 'read'), 'thread.follow', { channel: channel() }).allowed).toBe(false);
  });
});

describe('decide for identity', () => {
  it('refuses every unsafe request to a read-only token, whatever the role', () => {
    expect(decide(caller('owner', 'read'), 'api.write').allowed).toBe(false);
    expect(decide(caller('guest'), 'api.write').allowed).toBe(true);
  });

  it("hides members' e-mail addresses from guests only", () => {
    expect(decide(caller('guest'), 'people.email').allowed).toBe(false);
    expect(decide(caller('member', 'read'), 'people.email').allowed).toBe(true);
  });
});
