import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/build-test-app.js';
import type { TestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { addPerson, asSession, asToken, createOwnerSession, createToken } from '../../../test/identity.js';
import type { TestSession } from '../../../test/identity.js';

describeEachDialect('authentication', (ctx) => {
  let test: TestApp;
  let app: FastifyInstance;
  let owner: TestSession;
  let member: TestSession;
  beforeAll(async () => {
    test = await buildTestApp(ctx.database());
    app = test.app;
    owner = await createOwnerSession(app, ctx.database());
    member = await addPerson(app, owner, 'member');
  });
  afterAll(() => app.close());

  const me = (headers: Record<string, string | string[]>) => app.inject({ url: '/api/v1/me', headers });

  it('lets a bearer token decide over a session cookie of another person, deterministically', async () => {
    const memberToken = await createToken(app, member);
    for (let i = 0; i < 3; i++) {
      const response = await me({ cookie: owner.cookie, ...asToken(memberToken) });
      expect(response.json()).toMatchObject({ person: { id: member.personId }, via: 'token' });
    }
  });

  it('never falls back to the cookie when the Authorization header is bad', async () => {
    for (const authorization of [
      'Basic b3duZXI6cHc=',
      'Bearer',
      'Bearer mw_bad token',
      `Bearer mw_${'A'.repeat(43)}`,
    ]) {
      const response = await me({ cookie: owner.cookie, authorization });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json()).toMatchObject({ code: 'unauthenticated' });
    }
  });

  it('refuses two Authorization headers with 400', async () => {
    const token = await createToken(app, member);
    const response = await me({ authorization: [`Bearer ${token}`, `Bearer ${token}`] });
    expect(response.statusCode).toBe(400);
  });

  it('needs no CSRF token with a bearer token', async () => {
    const token = await createToken(app, member);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asToken(token),
      payload: { name: 'from a bot', scope: 'read' },
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('lets a read token read but not write (403)', async () => {
    const token = await createToken(app, member, 'read');
    expect((await me(asToken(token))).json()).toMatchObject({ scope: 'read' });
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: asToken(token),
      payload: { name: 'escalate', scope: 'read-write' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ code: 'forbidden' });
  });

  it('answers 401 to a revoked token', async () => {
    const token = await createToken(app, member);
    const list = await app.inject({ url: '/api/v1/tokens', headers: asToken(token) });
    const items = list.json<{ items: { id: string; name: string; lastUsedAt: number | null }[] }>().items;
    expect(JSON.stringify(items)).not.toContain(token);
    expect(items[0]!.lastUsedAt).not.toBeNull();
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${items[0]!.id}`,
      headers: asSession(member),
    });
    expect(revoke.statusCode).toBe(204);
    expect((await me(asToken(token))).statusCode).toBe(401);
  });

  it('refuses the token and session of a deactivated membership or person on the next request', async () => {
    const db = ctx.database().db;
    for (const table of ['memberships', 'people'] as const) {
      const someone = await addPerson(app, owner, 'member');
      const token = await createToken(app, someone);
      expect((await me(asToken(token))).statusCode).toBe(200);
      expect((await me({ cookie: someone.cookie })).json()).toMatchObject({
        person: { id: someone.personId },
      });
      // Straight in the table, leaving tokens and sessions unrevoked: authentication checks both rows.
      if (table === 'memberships') {
        await db
          .updateTable('memberships')
          .set({ deactivatedAt: Date.now() })
          .where('personId', '=', someone.personId)
          .where('workspaceId', '=', someone.workspaceId)
          .execute();
      } else {
        await db
          .updateTable('people')
          .set({ deactivatedAt: Date.now() })
          .where('id', '=', someone.personId)
          .execute();
      }
      expect((await me(asToken(token))).statusCode).toBe(401);
      expect((await me({ cookie: someone.cookie })).statusCode).toBe(401);
    }
  });

  it("answers another person's token id like a random id", async () => {
    const ownerToken = await createToken(app, owner);
    const ownerTokenId = (await app.inject({ url: '/api/v1/tokens', headers: asToken(ownerToken) })).json<{
      items: { id: string }[];
    }>().items[0]!.id;
    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${ownerTokenId}`,
      headers: asSession(member),
    });
    const random = await app.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/nope',
      headers: asSession(member),
    });
    expect(foreign.statusCode).toBe(404);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });
    expect(strip(foreign.body)).toEqual(strip(random.body));
    expect((await me(asToken(ownerToken))).statusCode).toBe(200);
  });

  it('treats a stale cookie as anonymous', async () => {
    const response = await me({ cookie: `mw_session=${'A'.repeat(43)}` });
    expect(response.statusCode).toBe(401);
  });

  it('never writes an API token to the log', async () => {
    const token = await createToken(app, member);
    await me(asToken(token));
    expect(test.logLines.join('\n')).not.toContain(token.slice(3));
  });
});
