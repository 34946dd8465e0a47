import { expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/build-test-app.js';
import { describeEachDialect } from '../../../../test/dialects.js';

describeEachDialect('first-run pages', (ctx) => {
  it('serves the setup page with a strict CSP, no referrer and without the token in the HTML', async () => {
    const { app } = await buildTestApp(ctx.database());
    const token = 'A'.repeat(43);
    const response = await app.inject({ method: 'GET', url: `/setup/${token}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toContain(token);
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    await app.close();
  });

  it('serves the invitation page and the script it loads', async () => {
    const { app } = await buildTestApp(ctx.database());
    const page = await app.inject({ method: 'GET', url: '/invite/<svg onload=alert(1)>' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('onload');
    const script = await app.inject({ method: 'GET', url: '/assets/first-run.js' });
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain("'/api/v1/invitations/accept'");
    await app.close();
  });
});
