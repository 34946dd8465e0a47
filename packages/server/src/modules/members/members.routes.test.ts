import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import {
  addPerson,
  asSession,
  asToken,
  createOwnerSession,
  createToken,
  testPassword,
} from '../../../test/identity.js';
import type { TestSession } from '../../../test/identity.js';

describeEachDialect('members', (ctx) => {
  let app: FastifyInstance;
  let owner: TestSession;
  beforeAll(async () => {
    app = (await buildTestApp(ctx.database())).app;
    owner = await createOwnerSession(app, ctx.database());
  });
  afterAll(() => app.close());

  const setRole = (by: TestSession, id: string, role: string) =>
    app.inject({ method: 'PATCH', url: `/api/v1/people/${id}`, headers: asSession(by), payload: { role } });
  const deactivate = (by: TestSession, id: string) =>
    app.inject({ method: 'POST', url: `/api/v1/people/${id}/deactivate`, headers: asSession(by) });
  const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });

  it('lists the members, with e-mail addresses hidden from guests', async () => {
    const guest = await addPerson(app, owner, 'guest');
    const asOwner = await app.inject({ url: '/api/v1/people', headers: asSession(owner) });
    const asGuest = await app.inject({ url: '/api/v1/people', headers: asSession(guest) });
    const ownerView = asOwner.json<{ items: { id: string; email?: string }[] }>().items;
    expect(ownerView.map((m) => m.id)).toEqual(expect.arrayContaining([owner.personId, guest.personId]));
    expect(ownerView.every((m) => typeof m.email === 'string')).toBe(true);
    expect(asGuest.json<{ items: { email?: string }[] }>().items.some((m) => 'email' in m)).toBe(false);
  });

  it('changes roles as access allows: admins manage members, only owners manage admins', async () => {
    const admin = await addPerson(app, owner, 'admin');
    const member = await addPerson(app, owner, 'member');
    const otherAdmin = await addPerson(app, owner, 'admin');
    expect((await setRole(member, admin.personId, 'guest')).statusCode).toBe(403);
    expect((await setRole(admin, member.personId, 'guest')).json()).toMatchObject({ role: 'guest' });
    expect((await setRole(admin, member.personId, 'admin')).statusCode).toBe(403);
    expect((await setRole(admin, otherAdmin.personId, 'member')).statusCode).toBe(403);
    expect((await setRole(owner, otherAdmin.personId, 'member')).json()).toMatchObject({ role: 'member' });
    const me = await app.inject({ url: '/api/v1/me', headers: asSession(otherAdmin) });
    expect(me.json()).toMatchObject({ role: 'member' });
  });

  it('keeps at least one active owner', async () => {
    const response = await setRole(owner, owner.personId, 'admin');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'last_owner' });
    expect((await deactivate(owner, owner.personId)).statusCode).toBe(409);
  });

  it('ends the sessions and tokens of a deactivated person at once, and refuses their login', async () => {
    const member = await addPerson(app, owner, 'member');
    const token = await createToken(app, member);
    const response = await deactivate(owner, member.personId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().deactivatedAt).toEqual(expect.any(Number));
    expect((await app.inject({ url: '/api/v1/me', headers: asSession(member) })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: asToken(token) })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: testPassword },
    });
    expect(login.statusCode).toBe(401);
    expect(login.json()).toMatchObject({ code: 'invalid_credentials' });
  });

  it("answers another workspace's person like a random id, byte for byte", async () => {
    const stranger = await createOwnerSession(app, ctx.database());
    for (const send of [(id: string) => setRole(owner, id, 'guest'), (id: string) => deactivate(owner, id)]) {
      const foreign = await send(stranger.personId);
      const random = await send('0190a0a0-0000-7000-8000-000000000000');
      expect(foreign.statusCode).toBe(404);
      expect(strip(foreign.body)).toEqual(strip(random.body));
    }
    expect((await app.inject({ url: '/api/v1/me', headers: asSession(stranger) })).json()).toMatchObject({
      role: 'owner',
    });
  });

  it('rejects unknown fields and roles (mass assignment)', async () => {
    const member = await addPerson(app, owner, 'member');
    const extra = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${member.personId}`,
      headers: asSession(owner),
      payload: { role: 'member', workspaceId: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    expect((await setRole(owner, member.personId, 'root')).statusCode).toBe(400);
  });
});
