import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../../../test/build-test-app.js';
import type { TestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { sessionCookieOf, testPassword } from '../../../test/identity.js';
import { prepareSetup } from './setup.service.js';

describeEachDialect('setup', (ctx) => {
  let test: TestApp;
  let app: FastifyInstance;
  beforeAll(async () => {
    test = await buildTestApp(ctx.database());
    app = test.app;
  });
  afterAll(() => app.close());

  const setup = (token: string, email = 'founder@example.com') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: { token, workspaceName: 'Acme', email, displayName: 'Founder', password: testPassword },
    });

  it('refuses an unknown setup token with 410', async () => {
    const response = await setup('A'.repeat(43));
    expect(response.statusCode).toBe(410);
    expect(response.json()).toMatchObject({ code: 'setup_invalid' });
  });

  it('creates the first owner, the workspace and a session with the one-time link', async () => {
    const prepared = await prepareSetup(ctx.database().db, Date.now());
    expect(prepared?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const response = await setup(prepared!.token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ role: 'owner', workspace: { name: 'Acme' } });
    const me = await app.inject({ url: '/api/v1/me', headers: { cookie: sessionCookieOf(response) } });
    expect(me.json()).toMatchObject({ role: 'owner', person: { displayName: 'Founder' } });
    const again = await setup(prepared!.token, 'second@example.com');
    expect(again.statusCode).toBe(410);
    expect(await prepareSetup(ctx.database().db, Date.now())).toBeNull();
  });

  it('rejects a short password and unknown fields without creating anything', async () => {
    const short = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        token: 'x'.repeat(43),
        workspaceName: 'A',
        email: 'a@example.com',
        displayName: 'A',
        password: 'short',
      },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'validation_failed' });
    const extra = await app.inject({
      method: 'POST',
      url: '/api/v1/setup',
      payload: {
        token: 'x'.repeat(43),
        workspaceName: 'A',
        email: 'a@example.com',
        displayName: 'A',
        password: testPassword,
        role: 'owner',
      },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('never writes the setup token or the password to the log', () => {
    const log = test.logLines.join('\n');
    expect(log).not.toContain(testPassword);
    expect(log).not.toMatch(/mw_session=/);
  });
});
