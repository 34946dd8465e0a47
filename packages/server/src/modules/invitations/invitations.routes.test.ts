import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/build-test-app.js';
import type { TestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import {
  accept,
  addPerson,
  asSession,
  createOwnerSession,
  invite,
  logIn,
  testPassword,
  uniqueEmail,
} from '../../../test/identity.js';
import type { TestSession } from '../../../test/identity.js';

describeEachDialect('invitations', (ctx) => {
  let test: TestApp;
  let app: FastifyInstance;
  let owner: TestSession;
  beforeAll(async () => {
    test = await buildTestApp(ctx.database());
    app = test.app;
    owner = await createOwnerSession(app, ctx.database());
  });
  afterAll(() => app.close());

  const acceptWith = (token: string, email = uniqueEmail()) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, email, displayName: 'New', password: testPassword },
    });

  it('creates a one-time link that makes the person, the membership and a session', async () => {
    const token = await invite(app, owner, 'member');
    const joined = await accept(app, token);
    expect(joined.workspaceId).toBe(owner.workspaceId);
    const me = await app.inject({ url: '/api/v1/me', headers: asSession(joined) });
    expect(me.json()).toMatchObject({ role: 'member' });
    const reused = await acceptWith(token);
    expect(reused.statusCode).toBe(410);
    expect(reused.json()).toMatchObject({
      code: 'invitation_invalid',
      detail: expect.stringContaining('already used'),
    });
    expect((await logIn(app, joined.email)).personId).toBe(joined.personId);
  });

  it('refuses expired and revoked links, each saying why', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asSession(owner),
      payload: { role: 'guest', expiresInHours: 1 },
    });
    const { id, linkPath } = created.json<{ id: string; linkPath: string }>();
    const token = linkPath.replace('/invite/', '');
    await ctx
      .database()
      .db.updateTable('invitations')
      .set({ expiresAt: Date.now() - 1 })
      .where('id', '=', id)
      .execute();
    const expired = await acceptWith(token);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().detail).toContain('expired');
    const revokedToken = await invite(app, owner, 'member');
    const list = await app.inject({ url: '/api/v1/invitations', headers: asSession(owner) });
    const items = list.json<{ items: { id: string; status: string }[] }>().items;
    expect(items.find((i) => i.id === id)?.status).toBe('expired');
    const pending = items.find((i) => i.status === 'pending')!;
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${pending.id}`,
      headers: asSession(owner),
    });
    expect(revoke.statusCode).toBe(204);
    expect((await acceptWith(revokedToken)).json().detail).toContain('revoked');
    expect(JSON.stringify(list.json())).not.toContain(revokedToken);
  });

  it('binds an invitation made for an address to that address', async () => {
    const email = uniqueEmail('named');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: asSession(owner),
      payload: { role: 'member', email },
    });
    const token = created.json<{ linkPath: string }>().linkPath.replace('/invite/', '');
    expect((await acceptWith(token)).json()).toMatchObject({ code: 'invitation_email_mismatch' });
    expect((await acceptWith(token, email.toUpperCase())).statusCode).toBe(200);
  });

  it('lets only owners and admins invite, and nobody invite an owner', async () => {
    const member = await addPerson(app, owner, 'member');
    const admin = await addPerson(app, owner, 'admin');
    const post = (by: TestSession, role: string) =>
      app.inject({ method: 'POST', url: '/api/v1/invitations', headers: asSession(by), payload: { role } });
    expect((await post(member, 'guest')).statusCode).toBe(403);
    expect((await post(admin, 'guest')).statusCode).toBe(201);
    expect((await post(owner, 'owner')).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/invitations', headers: asSession(member) })).statusCode).toBe(
      403,
    );
  });

  it("answers another workspace's invitation id like a random id", async () => {
    const stranger = await createOwnerSession(app, ctx.database());
    await invite(app, stranger, 'member');
    const theirs = (await app.inject({ url: '/api/v1/invitations', headers: asSession(stranger) })).json<{
      items: { id: string }[];
    }>().items[0]!.id;
    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/invitations/${theirs}`,
      headers: asSession(owner),
    });
    const random = await app.inject({
      method: 'DELETE',
      url: '/api/v1/invitations/nope',
      headers: asSession(owner),
    });
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });
    expect(foreign.statusCode).toBe(404);
    expect(strip(foreign.body)).toEqual(strip(random.body));
  });

  it('limits link guessing with 429 and Retry-After', async () => {
    let last;
    for (let i = 0; i < 25; i++) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations/accept',
        remoteAddress: '10.1.2.3',
        payload: { token: 'A'.repeat(43), email: uniqueEmail(), displayName: 'X', password: testPassword },
      });
    }
    expect(last!.statusCode).toBe(429);
    expect(last!.headers['retry-after']).toBeDefined();
  });

  it('limits invitations per inviter with 429', async () => {
    const inviter = await createOwnerSession(app, ctx.database());
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        headers: asSession(inviter),
        payload: { role: 'guest' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 50).every((s) => s === 201)).toBe(true);
    expect(statuses[50]).toBe(429);
  });

  it('never writes invitation tokens or passwords to the log', async () => {
    const token = await invite(app, owner, 'guest');
    await acceptWith(token);
    const log = test.logLines.join('\n');
    expect(log).not.toContain(token);
    expect(log).not.toContain(testPassword);
  });
});
