import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../platform/http/build-app.js';
import { createPasswordHasher } from '../../shared/passwords.js';
import { buildTestApp } from '../../../test/build-test-app.js';
import type { TestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { asSession, createOwnerSession, logIn, testPassword, uniqueEmail } from '../../../test/identity.js';
import type { TestSession } from '../../../test/identity.js';

describeEachDialect('sessions', (ctx) => {
  let test: TestApp;
  let app: FastifyInstance;
  let owner: TestSession;
  beforeAll(async () => {
    test = await buildTestApp(ctx.database());
    app = test.app;
    owner = await createOwnerSession(app, ctx.database());
  });
  afterAll(() => app.close());

  const login = (email: string, password: string, ip = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      remoteAddress: ip,
    });

  it('logs in with any case of the e-mail and sets an HttpOnly, SameSite=Lax cookie on /', async () => {
    const response = await login(owner.email.toUpperCase(), testPassword);
    expect(response.statusCode, response.body).toBe(200);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^mw_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(cookie).not.toContain('Secure');
    expect(response.json()).toMatchObject({ role: 'owner', csrfToken: expect.any(String) });
  });

  it('marks the cookie Secure behind an HTTPS proxy only when the proxy is trusted', async () => {
    const hasher = createPasswordHasher('fast');
    for (const trustProxy of [true, false]) {
      const proxied = await buildApp({
        database: ctx.database(),
        logLevel: 'silent',
        passwordHasher: hasher,
        trustProxy,
      });
      const response = await proxied.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: owner.email, password: testPassword },
      });
      expect(String(response.headers['set-cookie']).endsWith('; Secure')).toBe(trustProxy);
      await proxied.close();
    }
  });

  it('answers a wrong password and an unknown address alike', async () => {
    const wrong = await login(owner.email, 'wrong password!!');
    const unknown = await login(uniqueEmail(), 'wrong password!!');
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.json()).toMatchObject({
      code: 'invalid_credentials',
      detail: 'The e-mail address or the password is wrong.',
    });
  });

  it('requires the CSRF token on cookie-authenticated unsafe requests', async () => {
    const noToken = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: owner.cookie },
      payload: { name: 'x', scope: 'read' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ code: 'csrf_failed' });
    const wrongToken = await app.inject({
      method: 'DELETE',
      url: '/api/v1/sessions/whatever',
      headers: { cookie: owner.cookie, 'x-csrf-token': 'A'.repeat(43) },
    });
    expect(wrongToken.json()).toMatchObject({ code: 'csrf_failed' });
    const read = await app.inject({ url: '/api/v1/me', headers: { cookie: owner.cookie } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ csrfToken: owner.csrfToken, via: 'session' });
  });

  it('lists my sessions marking the current one, and ends another one', async () => {
    const other = await logIn(app, owner.email);
    const list = await app.inject({ url: '/api/v1/sessions', headers: asSession(owner) });
    const items = list.json<{ items: { id: string; isCurrent: boolean }[] }>().items;
    expect(items.filter((s) => s.isCurrent)).toHaveLength(1);
    expect(items.length).toBeGreaterThanOrEqual(2);
    const otherId = (await app.inject({ url: '/api/v1/sessions', headers: asSession(other) }))
      .json<{ items: { id: string; isCurrent: boolean }[] }>()
      .items.find((s) => s.isCurrent)!.id;
    const revoke = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${otherId}`,
      headers: asSession(owner),
    });
    expect(revoke.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/v1/me', headers: asSession(other) });
    expect(after.statusCode).toBe(401);
  });

  it("answers another person's session id like a random id", async () => {
    const stranger = await createOwnerSession(app, ctx.database());
    const strangerSessionId = (
      await app.inject({ url: '/api/v1/sessions', headers: asSession(stranger) })
    ).json<{ items: { id: string }[] }>().items[0]!.id;
    const foreign = await app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${strangerSessionId}`,
      headers: asSession(owner),
    });
    const random = await app.inject({
      method: 'DELETE',
      url: '/api/v1/sessions/0190a0a0-0000-7000-8000-000000000000',
      headers: asSession(owner),
    });
    expect(foreign.statusCode).toBe(404);
    const strip = (body: string) => ({ ...JSON.parse(body), requestId: undefined });
    expect(strip(foreign.body)).toEqual(strip(random.body));
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const session = await logIn(app, owner.email);
    const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: asSession(session) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    expect((await app.inject({ url: '/api/v1/me', headers: asSession(session) })).statusCode).toBe(401);
  });

  it('limits login attempts per address and client with 429 and Retry-After', async () => {
    const email = uniqueEmail('target');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 11; i++) {
      last = await login(email, 'guessing password', '10.9.9.9');
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(last!.statusCode).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json()).toMatchObject({ code: 'rate_limited' });
    expect((await login(email, 'guessing password', '10.9.9.10')).statusCode).toBe(401);
  });

  it('never writes passwords, cookies or CSRF tokens to the log', async () => {
    const log = test.logLines.join('\n');
    expect(log).not.toContain(testPassword);
    expect(log).not.toContain(owner.cookie.split('=')[1]!);
    expect(log).not.toContain(owner.csrfToken);
  });
});
