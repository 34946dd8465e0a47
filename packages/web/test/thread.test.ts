// End to end in Chromium: the owner starts a thread in a channel (with an ask, seeing when it lands for the
// person in San Francisco), replies, reacts and edits (the history shows the old words); axe finds no
// serious violation on the channel and thread screens.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import type { SeededWorkspace } from './e2e/seed';
import type { TestServer } from './e2e/test-server';
import { createChannel, signInThroughUi, startBrowserWorkspace } from './e2e/workspace';

describeInBrowser('threads in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: SeededWorkspace;
  let channelId: string;
  beforeAll(async () => {
    // Monday 30 November 2026, 17:00 in Berlin (16:00 UTC, 08:00 in San Francisco).
    ({ server, seeded, browser } = await startBrowserWorkspace({
      now: '2026-11-30T16:00:00.000Z',
      plan: {
        owner: { timeZone: 'Europe/Berlin' },
        members: [{ displayName: 'Sam Francisco', timeZone: 'America/Los_Angeles' }],
      },
    }));
    channelId = await createChannel(seeded.owner.client, {
      name: 'launch',
      description: 'Getting it out',
      visibility: 'public',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('starts a thread with an ask, replies, reacts and edits with history', async () => {
    const { page } = browser;
    await signInThroughUi(page, server.url, seeded.owner);

    await page.goto(`${server.url}/channels/${channelId}`);
    await page.getByRole('heading', { name: 'launch', level: 1 }).waitFor();
    await page.getByText('No threads yet.').waitFor();
    await expectNoSeriousAxeViolations(page);

    // The new thread, asking Sam at level `today`.
    await page.getByRole('button', { name: 'New thread' }).click();
    const form = page.getByRole('form', { name: 'New thread' });
    await form.getByLabel('Title').fill('Launch checklist');
    await form.getByLabel('First post').fill('Can you **check** the release notes?');
    await form.getByLabel('Ask level').selectOption('today');
    await form.getByRole('combobox', { name: 'Ask for a reply' }).fill('Sam');
    await form.getByRole('option', { name: 'Sam Francisco' }).click();
    // The landing preview: lands at 09:00 in San Francisco (18:00 for me in Berlin), due at 13:00 theirs.
    const row = form.locator('.landing-row', { hasText: 'Sam Francisco' });
    await row.waitFor();
    expect(await row.textContent()).toContain('lands 09:00 Mon their time · 18:00 Mon yours');
    expect(await row.textContent()).toContain('reply due 13:00 Mon their time · 22:00 Mon yours (today)');
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Start thread' }).click();

    await page.getByRole('heading', { name: 'Launch checklist', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/threads\//);
    const first = page.locator('article.post').first();
    await first.locator('.post-body strong', { hasText: 'check' }).waitFor();
    await first.locator('.asks', { hasText: 'Asked Sam Francisco (today): open' }).waitFor();

    // `r` focuses the reply; send one.
    await page.keyboard.press('r');
    const reply = page.getByLabel('Your reply');
    expect(await reply.evaluate((el) => el === document.activeElement)).toBe(true);
    await reply.fill('Notes are in the wiki.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('article.post', { hasText: 'Notes are in the wiki.' }).waitFor();
    // By its id from here on: while it is edited, its text is in a field.
    const secondId = await page
      .locator('article.post', { hasText: 'Notes are in the wiki.' })
      .getAttribute('id');
    const second = page.locator(`article[id="${secondId}"]`);
    expect(await reply.inputValue()).toBe('');

    // React to the first post.
    await first.getByText('React', { exact: true }).click();
    await first.getByRole('button', { name: 'React with celebrate' }).click();
    await first.getByRole('button', { name: 'celebrate: 1, yours included' }).waitFor();

    // Edit the reply: the history shows both versions.
    await second.getByRole('button', { name: 'Edit' }).click();
    await second.getByLabel('Edit your post').fill('Notes are in the wiki, page 2.');
    await second.getByRole('button', { name: 'Save' }).click();
    await second.locator('.post-body', { hasText: 'page 2' }).waitFor();
    await second.getByRole('button', { name: 'Edited · history' }).click();
    const history = second.getByRole('list', { name: 'Edit history' });
    await history.getByText('Version 1').waitFor();
    expect(await history.textContent()).toContain('Notes are in the wiki.');
    expect(await history.textContent()).toContain('page 2');
    await expectNoSeriousAxeViolations(page);

    // Back in the channel: the thread is listed with its last activity.
    await page.getByRole('link', { name: 'Back to the channel' }).click();
    await page.getByRole('link', { name: 'Launch checklist' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The same thread at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByRole('link', { name: 'Launch checklist' }).click();
    await page.getByRole('heading', { name: 'Launch checklist', level: 1 }).waitFor();
    await expectNoSeriousAxeViolations(page);

    expect(browser.errors).toEqual([]);
  });
});
