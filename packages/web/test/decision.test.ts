// End to end in Chromium: the owner (Berlin) opens a vote in a thread for themselves and Ana (Tokyo),
// sees when it closes in their time and Ana's and why, votes and changes the vote; Ana votes through the
// API; the owner, as decider, closes early once both have voted; the outcome is in the decision log, which
// exports as CSV. axe finds no serious violation on the thread and the log, at desktop and 360 px.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import type { SeededWorkspace } from './e2e/seed';
import type { TestServer } from './e2e/test-server';
import { createChannel, createThread, signInThroughUi, startBrowserWorkspace } from './e2e/workspace';

describeInBrowser('decisions in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: SeededWorkspace;
  let threadId: string;
  beforeAll(async () => {
    // Monday 30 November 2026, 10:00 in Berlin (09:00 UTC, 18:00 in Tokyo).
    ({ server, seeded, browser } = await startBrowserWorkspace({
      now: '2026-11-30T09:00:00.000Z',
      plan: {
        owner: { timeZone: 'Europe/Berlin' },
        members: [{ displayName: 'Ana Tokyo', timeZone: 'Asia/Tokyo' }],
      },
    }));
    const { client } = seeded.owner;
    const channelId = await createChannel(client, {
      name: 'offsite',
      description: 'Planning the offsite',
      visibility: 'public',
    });
    threadId = await createThread(client, channelId, {
      title: 'Offsite venue',
      markdown: 'Where shall we meet in spring?',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a vote in a thread, two people vote, the decider closes it, and it is in the log', async () => {
    const { page } = browser;
    await signInThroughUi(page, server.url, seeded.owner);

    await page.goto(`${server.url}/threads/${threadId}`);
    await page.getByRole('heading', { name: 'Offsite venue', level: 1 }).waitFor();
    await page.getByText('No decisions in this thread yet.').waitFor();

    // Open the vote: me (required by default) and Ana, 4 working hours each.
    await page.getByRole('button', { name: 'Open a decision' }).click();
    const form = page.getByRole('form', { name: 'Open a decision' });
    await form.getByLabel('Question').fill('Lisbon or Kyoto?');
    await form.getByRole('radio', { name: /^Vote between options/ }).check();
    await form.getByLabel('Option 1').fill('Lisbon');
    await form.getByLabel('Option 2').fill('Kyoto');
    await form.getByRole('combobox', { name: 'Required participants' }).fill('Ana');
    await form
      .getByRole('listbox', { name: 'Required participants' })
      .getByRole('option', { name: 'Ana Tokyo' })
      .click();
    await form.getByLabel('Working hours each').fill('4');
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Open decision' }).click();

    const panel = page.locator('article.decision', { hasText: 'Lisbon or Kyoto?' });
    await panel.waitFor();
    // The close in my time beside Ana's (her Monday evening is over: her window runs into Tuesday), and why.
    const close = (await panel.locator('.decision-close-time').textContent()) ?? '';
    expect(close).toMatch(/^Closes \d\d:\d\d \w{3} for you · \d\d:\d\d \w{3} for Ana Tokyo$/);
    expect(await panel.locator('.decision-reason').textContent()).toContain(
      'so that everyone gets 4 of their working hours',
    );
    // The opening post is in the thread.
    await page.locator('article.post', { hasText: 'Lisbon or Kyoto?' }).waitFor();

    // I vote Kyoto, then change to Lisbon.
    await panel.getByRole('radio', { name: 'Kyoto' }).check();
    await panel.getByRole('button', { name: 'Vote' }).click();
    await panel.getByRole('radio', { name: 'Kyoto (your vote)' }).waitFor();
    await panel.getByRole('radio', { name: 'Lisbon' }).check();
    await panel.getByRole('button', { name: 'Change vote' }).click();
    await panel.getByRole('radio', { name: 'Lisbon (your vote)' }).waitFor();
    await panel.getByText('once every required participant has responded (1 of 2 have)').waitFor();
    await expectNoSeriousAxeViolations(page);

    // Ana votes Lisbon through the API.
    const ana = seeded.members[0]!;
    const listed = await ana.client.GET('/api/v1/threads/{id}/decisions', {
      params: { path: { id: threadId } },
    });
    const decisionId = listed.data!.items[0]!.id;
    const vote = await ana.client.PUT('/api/v1/decisions/{id}/response', {
      params: { path: { id: decisionId } },
      body: { kind: 'vote', option: 0 },
    });
    expect(vote.response.status).toBe(200);

    // Now everyone required has voted: I, the decider, may close early.
    await page.reload();
    await panel.getByRole('button', { name: 'Close now' }).click();
    await panel.getByText('Decided (closed early): Lisbon').waitFor();
    expect(await panel.getByRole('list', { name: 'Votes so far' }).textContent()).toContain(
      'Lisbon: 2 votes',
    );
    await page.locator('article.post', { hasText: 'Decided:' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The decision log, from the sidebar.
    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Decision log' })
      .click();
    await page.getByRole('heading', { name: 'Decision log', level: 1 }).waitFor();
    const entry = page.locator('.decision-log-entry', { hasText: 'Lisbon or Kyoto?' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Outcome: Lisbon');
    expect(await entry.textContent()).toContain('took part: ');
    expect(await entry.textContent()).toContain('Ana Tokyo');
    await expectNoSeriousAxeViolations(page);

    // Exported as CSV, through a download.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('Lisbon or Kyoto?');

    // The entry links back to the thread.
    await entry.getByRole('link', { name: 'Lisbon or Kyoto?' }).click();
    await page.getByRole('heading', { name: 'Offsite venue', level: 1 }).waitFor();

    // The log at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/decisions`);
    await page.locator('.decision-log-entry', { hasText: 'Lisbon or Kyoto?' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    expect(browser.errors).toEqual([]);
  });
});
