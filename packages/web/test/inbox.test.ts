// End to end in Chromium: an ask held for the recipient's working hours appears live in their open inbox
// when the server's clock reaches 09:00 in San Francisco (no reload), with its due time in their time; `j`
// and `e` mark it done, "Undo done" brings it back; the asker sees it under waiting on others in both
// clocks. axe on each screen, at 1280 and 360 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import { launchChromium } from './e2e/chromium';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import { seedWorkspace } from './e2e/seed';
import type { SeededWorkspace } from './e2e/seed';
import { startTestServer } from './e2e/test-server';
import type { TestServer } from './e2e/test-server';

describeInBrowser('the inbox in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let team: SeededWorkspace;
  beforeAll(async () => {
    server = await startTestServer();
    // Monday 8 March 2027, 17:00 in Berlin, 08:00 in San Francisco: before Sam's working hours.
    await server.setClock({ now: '2027-03-08T16:00:00Z' });
    team = await seedWorkspace(server, {
      members: [{ displayName: 'Sam Rivera', timeZone: 'America/Los_Angeles' }],
    });
    browser = await launchChromium();
    // Generous waits: signing in hashes a password, and the machine is shared with other test runs.
    browser.page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(email: string, password: string) {
    const { page } = browser;
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
  }

  it(
    'shows an ask live when it lands, marks it done and undone, and lists it as waiting for the asker',
    { timeout: 180_000 },
    async () => {
      const { page } = browser;
      const { owner } = team;
      const sam = team.members[0]!;
      const channel = await owner.client.POST('/api/v1/channels', {
        body: { name: 'launch', description: '', visibility: 'public' },
      });
      expect(channel.response.status).toBe(201);
      const thread = await owner.client.POST('/api/v1/channels/{id}/threads', {
        params: { path: { id: channel.data!.id } },
        body: {
          title: 'Launch plan <img src=x onerror=alert(1)>',
          markdown: 'Can you check the copy?',
          mentions: [sam.id],
          asks: [{ personId: sam.id, level: 'today' }],
        },
      });
      expect(thread.response.status).toBe(201);

      await signIn(sam.email, sam.password);
      await page.getByText('Nothing in your inbox').waitFor();
      await expectNoSeriousAxeViolations(page);
      // A mark on the page: a reload would lose it.
      await page.evaluate(() => ((globalThis as unknown as { stillThisPage: boolean }).stillThisPage = true));

      // 09:00:05 in San Francisco: the ask is delivered, and the open inbox shows it without a reload.
      await server.setClock({ now: '2027-03-08T17:00:05Z' });
      const asks = page.getByRole('region', { name: 'Asks for you, by due time' });
      const item = asks.getByRole('article');
      await item.waitFor({ timeout: 20_000 });
      await expect
        .poll(() => item.textContent(), { timeout: 20_000 })
        .toContain('Launch plan <img src=x onerror=alert(1)>');
      const text = await item.textContent();
      expect(text).toContain('Ask from Olivia Owner in Launch plan');
      expect(text).toContain('due Mon 13:00 your time');
      expect(text).toContain('arrived Mon 09:00');
      expect(await page.getByRole('status').first().textContent()).toBe('1 new item in your inbox.');
      expect(await page.evaluate(() => 'stillThisPage' in globalThis)).toBe(true);
      await page.getByRole('navigation', { name: 'Workspace' }).getByLabel('1 items').waitFor();
      await expectNoSeriousAxeViolations(page);

      // j focuses it, e marks it done; "Undo done" brings it back.
      await page.keyboard.press('j');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.itemId)).toBeTruthy();
      await page.keyboard.press('e');
      const done = page.getByRole('region', { name: 'Done just now' });
      await done.getByRole('article').waitFor();
      expect(await asks.count()).toBe(0);
      await done.getByRole('button', { name: 'Undo done' }).click();
      await item.waitFor();
      expect(await done.count()).toBe(0);

      // At 360 px the same screen still passes axe.
      await page.setViewportSize({ width: 360, height: 740 });
      await expectNoSeriousAxeViolations(page);
      await page.setViewportSize({ width: 1280, height: 800 });

      // The asker's waiting on others: Sam's clock and Olivia's.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Meanwhile' }).waitFor();
      await signIn(owner.email, owner.password);
      await page
        .getByRole('navigation', { name: 'Inbox views' })
        .getByRole('link', { name: 'Waiting on others' })
        .click();
      await page.getByRole('heading', { name: 'Waiting on others', level: 1 }).waitFor();
      const waiting = page.getByRole('main').getByRole('article');
      await expect
        .poll(() => waiting.textContent(), { timeout: 20_000 })
        .toContain('Sam Rivera in Launch plan');
      expect(await waiting.textContent()).toContain('due Mon 13:00 for Sam Rivera · Mon 22:00 for you');
      await expectNoSeriousAxeViolations(page);

      expect(await page.evaluate(() => document.querySelectorAll('main img').length)).toBe(0);
      expect(browser.errors).toEqual([]);
    },
  );
});
