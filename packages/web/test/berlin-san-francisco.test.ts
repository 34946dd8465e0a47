// The main scenario of issue 5, end to end in Chromium against a real server on a fresh database with the
// test clock, driving the UI for everything a person does, in two browsers:
// 1. Olivia (Berlin) sets up the workspace from the setup link and invites Sam from the settings; Sam
//    accepts the link in the second browser and sets America/Los_Angeles on the rhythm screen.
// 2. At 17:00 Berlin time (winter: 16:00Z) Olivia starts a thread asking Sam at level `today`: the landing
//    preview says it lands at 09:00 Sam's time and is due at 13:00 Sam's time.
// 3. Sam's open inbox stays empty until 09:00 in San Francisco, then the ask appears live with its due
//    time; Sam replies in the thread; Olivia's *waiting on others* clears.
// 4. Outside Sam's hours, Olivia's interrupt with a reason arrives at once in Sam's inbox, marked with it,
//    and the budget the composer shows drops by one.
// axe on every screen visited; no sideways scrolling at 360 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import { launchChromium } from './e2e/chromium';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import { startTestServer } from './e2e/test-server';
import type { TestServer } from './e2e/test-server';

const password = 'correct horse battery staple';

/** The page's own session asks the server for its inbox (what the UI shows must agree with it). */
async function inboxItemCount(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/inbox', { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { items: unknown[] };
    return body.items.length;
  });
}

/** No sideways scrolling: the document is no wider than the viewport. */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `document width at ${width} px on ${page.url()}`).toBeLessThanOrEqual(width);
}

describeInBrowser('Berlin and San Francisco: the main scenario in Chromium', () => {
  let server: TestServer;
  let olivia: Browser;
  let sam: Browser;
  beforeAll(async () => {
    server = await startTestServer();
    // Monday 30 November 2026, 16:00 in Berlin: the workspace is set up an hour before the ask.
    await server.setClock({ now: '2026-11-30T15:00:00Z' });
    olivia = await launchChromium();
    sam = await launchChromium();
    // Olivia's browser is in Berlin (the setup form sends the browser's zone); Sam's laptop says UTC, so
    // Sam's zone comes from the rhythm screen.
    const cdp = await olivia.context.newCDPSession(olivia.page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Berlin' });
    // Generous waits: signing up hashes a password, and the machine is shared with other test runs.
    olivia.page.setDefaultTimeout(60_000);
    sam.page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await olivia?.close();
    await sam?.close();
    await server?.close();
  });

  it(
    'sets up, invites, asks across nine hours, delivers at 09:00 theirs, replies, and interrupts',
    { timeout: 300_000 },
    async () => {
      const o = olivia.page;
      const s = sam.page;
      const oliviaNav = o.getByRole('navigation', { name: 'Workspace' });
      const samNav = s.getByRole('navigation', { name: 'Workspace' });

      // 1. The first run from the setup link.
      await o.goto(server.setupUrl);
      await o.getByRole('heading', { name: 'Set up Meanwhile' }).waitFor();
      await expectNoSeriousAxeViolations(o);
      await o.getByLabel('Workspace name').fill('Acme');
      await o.getByLabel('Your name').fill('Olivia Owner');
      await o.getByLabel('E-mail').fill('olivia@example.com');
      await o.getByLabel('Password').fill(password);
      await o.getByRole('button', { name: 'Create the workspace' }).click();
      await o.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

      // Inviting Sam from the settings: the link is shown to copy.
      await oliviaNav.getByRole('link', { name: 'Settings' }).click();
      await o.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      const invite = o.getByRole('form', { name: 'Invite someone' });
      await invite.getByLabel(/Their e-mail/).fill('sam@example.com');
      await invite.getByRole('radio', { name: /Member/ }).check();
      await invite.getByRole('button', { name: 'Create invitation link' }).click();
      const linkField = o.getByLabel('Invitation link');
      await linkField.waitFor();
      const inviteLink = await linkField.inputValue();
      expect(inviteLink).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]+$`));
      await expectNoSeriousAxeViolations(o);

      // Sam accepts it in the other browser.
      await s.goto(inviteLink);
      await s.getByRole('heading', { name: 'Join your team on Meanwhile' }).waitFor();
      await expectNoSeriousAxeViolations(s);
      await s.getByLabel('Your name').fill('Sam Rivera');
      await s.getByLabel('E-mail').fill('sam@example.com');
      await s.getByLabel('Password').fill(password);
      await s.getByRole('button', { name: 'Join' }).click();
      await s.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      expect(await s.getByRole('banner').textContent()).toContain('Sam Rivera');

      // Sam's time zone, on the rhythm screen.
      await samNav.getByRole('link', { name: 'My rhythm' }).click();
      await s.getByRole('heading', { name: 'My rhythm', level: 1 }).waitFor();
      await s.getByLabel('Find a time zone').fill('Los Angeles');
      await s.getByLabel('Your time zone').selectOption('America/Los_Angeles');
      await s.getByRole('button', { name: 'Save rhythm' }).click();
      await s.getByText('Saved.', { exact: true }).waitFor();
      await expectNoSeriousAxeViolations(s);

      // Olivia makes the channel.
      await oliviaNav.getByRole('link', { name: 'Create channel' }).click();
      await o.getByRole('heading', { name: 'Create a channel' }).waitFor();
      await o.getByLabel('Name').fill('launch');
      await o.getByRole('button', { name: 'Create channel' }).click();
      await o.getByRole('heading', { name: 'launch', level: 1 }).waitFor();
      await expectNoSeriousAxeViolations(o);

      // 2. Monday 17:00 in Berlin (08:00 in San Francisco): a new thread asking Sam at `today`.
      await server.setClock({ now: '2026-11-30T16:00:00Z' });
      await o.getByRole('button', { name: 'New thread' }).click();
      const form = o.getByRole('form', { name: 'New thread' });
      await form.getByLabel('Title').fill('Launch checklist');
      await form.getByLabel('First post').fill('Can you **check** the release notes before the launch?');
      await form.getByLabel('Ask level').selectOption('today');
      await form.getByRole('combobox', { name: 'Ask for a reply' }).fill('Sam');
      await form.getByRole('option', { name: 'Sam Rivera' }).click();
      const landing = form.locator('.landing-row', { hasText: 'Sam Rivera' });
      await landing.waitFor();
      await expect
        .poll(() => landing.textContent())
        .toContain('lands 09:00 Mon their time · 18:00 Mon yours');
      expect(await landing.textContent()).toContain(
        'reply due 13:00 Mon their time · 22:00 Mon yours (today)',
      );
      await expectNoSeriousAxeViolations(o);
      await form.getByRole('button', { name: 'Start thread' }).click();
      await o.getByRole('heading', { name: 'Launch checklist', level: 1 }).waitFor();
      const threadPath = new URL(o.url()).pathname;
      expect(threadPath).toMatch(/^\/threads\//);
      await expectNoSeriousAxeViolations(o);

      // Olivia's waiting on others: not delivered yet.
      await oliviaNav.getByRole('link', { name: /^Inbox/ }).click();
      await o.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      const views = o.getByRole('navigation', { name: 'Inbox views' });
      await views.getByRole('link', { name: 'Waiting on others' }).click();
      await o.getByRole('heading', { name: 'Waiting on others', level: 1 }).waitFor();
      const waiting = o.getByRole('main').getByRole('article');
      await expect.poll(() => waiting.textContent()).toContain('Sam Rivera in Launch checklist');
      await expectNoSeriousAxeViolations(o);

      // 3. Sam's inbox, open in the browser, stays empty through 08:59 in San Francisco.
      await samNav.getByRole('link', { name: /^Inbox/ }).click();
      await s.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      const empty = s.getByText('Nothing in your inbox', { exact: false });
      await empty.waitFor();
      await expectNoSeriousAxeViolations(s);
      // A mark on the page: a reload would lose it.
      await s.evaluate(() => ((globalThis as unknown as { stillThisPage: boolean }).stillThisPage = true));
      for (const now of ['2026-11-30T16:30:00Z', '2026-11-30T16:59:00Z', '2026-11-30T16:59:59Z']) {
        await server.setClock({ now });
        expect(await inboxItemCount(s), `Sam's inbox at ${now}`).toBe(0);
        expect(await empty.isVisible(), `the empty inbox at ${now}`).toBe(true);
        expect(await s.getByRole('article').count()).toBe(0);
      }

      // 09:00 in San Francisco: the ask appears without a reload, with its due time in Sam's time.
      await server.setClock({ advanceMs: 1_000 });
      const asks = s.getByRole('region', { name: 'Asks for you, by due time' });
      const ask = asks.getByRole('article');
      await ask.waitFor({ timeout: 30_000 });
      await expect.poll(() => ask.textContent(), { timeout: 20_000 }).toContain('Launch checklist');
      const askText = await ask.textContent();
      expect(askText).toContain('Ask from Olivia Owner in Launch checklist');
      expect(askText).toContain('due Mon 13:00 your time');
      expect(askText).toContain('arrived Mon 09:00');
      expect(await s.evaluate(() => 'stillThisPage' in globalThis)).toBe(true);
      await expectNoSeriousAxeViolations(s);

      // The same inbox at 360 px: no sideways scrolling, still axe-clean.
      await s.setViewportSize({ width: 360, height: 740 });
      await expectNoSidewaysScroll(s, 360);
      await expectNoSeriousAxeViolations(s);
      await s.setViewportSize({ width: 1280, height: 800 });

      // Olivia sees it delivered, due 13:00 Sam's time (22:00 hers).
      await expect
        .poll(
          async () => {
            await views.getByRole('link', { name: 'Inbox' }).click();
            await views.getByRole('link', { name: 'Waiting on others' }).click();
            return waiting.textContent();
          },
          { timeout: 30_000 },
        )
        .toContain('due Mon 13:00 for Sam Rivera · Mon 22:00 for you');

      // Sam replies in the thread.
      await ask.getByRole('link', { name: /Launch checklist/ }).click();
      await s.getByRole('heading', { name: 'Launch checklist', level: 1 }).waitFor();
      await s.locator('article.post', { hasText: 'release notes' }).waitFor();
      await expectNoSeriousAxeViolations(s);
      await s.getByLabel('Your reply').fill('Checked: the notes are good to go.');
      await s.getByRole('button', { name: 'Send reply' }).click();
      await s.locator('article.post', { hasText: 'the notes are good to go' }).waitFor();

      // Olivia's waiting on others clears when she comes back to it (no reload).
      await expect
        .poll(
          async () => {
            await views.getByRole('link', { name: 'Inbox' }).click();
            await views.getByRole('link', { name: 'Waiting on others' }).click();
            return o.getByRole('main').textContent();
          },
          { timeout: 30_000 },
        )
        .toContain('No open asks: nobody owes you a reply.');
      expect(await waiting.count()).toBe(0);
      await expectNoSeriousAxeViolations(o);

      // 4. Tuesday 08:00 in Berlin, Monday 23:00 in San Francisco: Sam is off, and has the inbox open.
      await server.setClock({ now: '2026-12-01T07:00:00Z' });
      await samNav.getByRole('link', { name: /^Inbox/ }).click();
      await s.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
      await s.evaluate(() => ((globalThis as unknown as { stillThisPage: boolean }).stillThisPage = true));
      const interruptNote = s.locator('.inbox-interrupt', { hasText: 'Interrupt:' });
      expect(await interruptNote.count()).toBe(0);

      // Olivia interrupts from the thread: the composer shows the budget and that it lands at once.
      await o.goto(`${server.url}${threadPath}`);
      await o.getByRole('heading', { name: 'Launch checklist', level: 1 }).waitFor();
      const reply = o.getByRole('form', { name: 'Reply' });
      await reply.getByLabel('Your reply').fill('The launch page shows last year’s prices: can you fix it?');
      await reply.getByRole('combobox', { name: 'Mention' }).fill('Sam');
      await reply.getByRole('option', { name: 'Sam Rivera' }).click();
      await reply.getByRole('switch', { name: /Interrupt/ }).check();
      const budget = reply.getByText(/interrupts left this week/);
      await budget.waitFor();
      const before = /(\d+) of (\d+) interrupts left/.exec((await budget.textContent()) ?? '');
      expect(before, 'the budget before').not.toBeNull();
      const [remainingBefore, limit] = [Number(before![1]), Number(before![2])];
      expect(remainingBefore).toBeGreaterThan(0);
      await reply.getByLabel('Why it cannot wait').fill('Customers are being charged the old prices');
      const interruptLanding = reply.locator('.landing-row', { hasText: 'Sam Rivera' });
      await expect.poll(() => interruptLanding.textContent()).toContain('lands at once');
      await expectNoSeriousAxeViolations(o);
      await reply.getByRole('button', { name: 'Send reply' }).click();
      await o.locator('article.post', { hasText: 'last year’s prices' }).waitFor();

      // It reaches Sam at once, live, marked with its reason.
      await interruptNote.waitFor({ timeout: 30_000 });
      expect(await interruptNote.textContent()).toBe('Interrupt: Customers are being charged the old prices');
      const interruptItem = s.getByRole('article').filter({ has: interruptNote });
      expect(await interruptItem.textContent()).toContain('Olivia Owner interrupted');
      expect(await s.evaluate(() => 'stillThisPage' in globalThis)).toBe(true);
      await expectNoSeriousAxeViolations(s);

      // The budget the composer shows is one less.
      await reply.getByRole('switch', { name: /Interrupt/ }).check();
      await expect
        .poll(async () => (await reply.getByText(/interrupts left this week/).textContent()) ?? '')
        .toContain(`${remainingBefore - 1} of ${limit} interrupts left this week`);

      // The thread at 360 px: no sideways scrolling, axe-clean.
      await reply.getByRole('switch', { name: /Interrupt/ }).uncheck();
      await o.setViewportSize({ width: 360, height: 740 });
      await expectNoSidewaysScroll(o, 360);
      await expectNoSeriousAxeViolations(o);

      // No CSP violation, no script error, in either browser.
      expect(olivia.errors).toEqual([]);
      expect(sam.errors).toEqual([]);
    },
  );
});
