// End to end in Chromium against a real server: the first run from the setup link, signing out and in,
// creating a channel; axe on every screen; the CSP on every HTML answer and no inline script anywhere.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import { launchChromium } from './e2e/chromium';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import { startTestServer, webDistDir } from './e2e/test-server';
import type { TestServer } from './e2e/test-server';

describeInBrowser('the web app in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sets up the workspace from the setup link, signs out and in, and creates a channel', async () => {
    const { page } = browser;
    await page.goto(server.setupUrl);
    await page.getByRole('heading', { name: 'Set up Meanwhile' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Workspace name').fill('Acme');
    await page.getByLabel('Your name').fill('Olivia Owner');
    await page.getByLabel('E-mail').fill('owner@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create the workspace' }).click();

    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/inbox');
    expect(await page.getByRole('banner').textContent()).toContain('Olivia Owner');
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Meanwhile' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    // Signed out for real: a reload of a screen asks to sign in again.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Sign in to Meanwhile' }).waitFor();
    await page.getByLabel('E-mail').fill('owner@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();

    const sidebar = page.getByRole('navigation', { name: 'Workspace' });
    await sidebar.getByRole('link', { name: 'Create channel' }).click();
    await page.getByRole('heading', { name: 'Create a channel' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel('Name').fill('design-reviews');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await page.getByRole('heading', { name: 'design-reviews' }).waitFor();
    await sidebar.getByRole('link', { name: /design-reviews/ }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The same shell at 360 px: the sidebar is behind "Menu".
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.getByRole('heading', { name: 'design-reviews' }).waitFor();
    expect(await sidebar.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await sidebar.getByRole('link', { name: /design-reviews/ }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // No CSP violation, no script error on the way.
    expect(browser.errors).toEqual([]);
  });

  it('sends a strict CSP with every HTML answer, and the built app has no inline script', async () => {
    for (const path of ['/', '/inbox', '/setup/some-token', '/invite/some-token', '/channels/x']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'none'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp, `${path}: ${directive}`).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
    const index = await readFile(join(webDistDir, 'index.html'), 'utf8');
    const scripts = [...index.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
    expect(index).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
    expect(index).not.toMatch(/\son[a-z]+=/i);
  });
});
