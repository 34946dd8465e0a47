// End to end in Chromium: the owner starts an anonymous ideation round from a thread for themselves and
// Ana; before the reveal each sees only their own ideas; once the server's clock passes the reveal, all
// ideas show without authors, the owner places a dot (the dots left go down) and promotes an idea into a
// thread. axe finds no serious violation on the board before and after the reveal, at desktop and 360 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import type { SeededWorkspace } from './e2e/seed';
import type { TestServer } from './e2e/test-server';
import { createChannel, createThread, signInThroughUi, startBrowserWorkspace } from './e2e/workspace';

const weekMs = 7 * 24 * 60 * 60 * 1000;

describeInBrowser('ideation rounds in Chromium', () => {
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
      name: 'ways-of-working',
      description: 'How we work',
      visibility: 'public',
    });
    threadId = await createThread(client, channelId, {
      title: 'Fewer meetings',
      markdown: 'We meet too much.',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('collects ideas blind, reveals them anonymously, takes dots and promotes one', async () => {
    const { page } = browser;
    await signInThroughUi(page, server.url, seeded.owner);

    // Start the round from the thread.
    await page.goto(`${server.url}/threads/${threadId}`);
    await page.getByRole('heading', { name: 'Fewer meetings', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start an ideation round' }).click();
    const form = page.getByRole('form', { name: 'Start an ideation round' });
    await form.getByLabel('What ideas are you asking for?').fill('How do we cut meetings?');
    await form.getByRole('combobox', { name: /^Participants/ }).fill('Ana');
    await form
      .getByRole('listbox', { name: /^Participants/ })
      .getByRole('option', { name: 'Ana Tokyo' })
      .click();
    expect(await form.getByLabel(/^Anonymous/).isChecked()).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Start the round' }).click();

    await page.getByRole('heading', { name: 'Ideation round', level: 1 }).waitFor();
    const roundId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText('How do we cut meetings?').waitFor();
    await page.getByText(/Collecting ideas until the reveal at \d\d:\d\d/).waitFor();

    // My idea; Ana's arrives through the API and stays hidden from me until the reveal.
    await page.getByLabel('Your idea').fill('No-meeting Wednesdays');
    await page.getByRole('button', { name: 'Add idea' }).click();
    const ideas = page.getByRole('list', { name: 'Ideas' });
    await ideas.getByText('No-meeting Wednesdays').waitFor();
    const ana = seeded.members[0]!;
    const added = await ana.client.POST('/api/v1/ideation-rounds/{id}/ideas', {
      params: { path: { id: roundId } },
      body: { text: 'Async stand-ups in the thread' },
    });
    expect(added.response.status).toBe(201);
    await page.reload();
    await ideas.getByText('No-meeting Wednesdays').waitFor();
    expect(await ideas.getByRole('listitem').count()).toBe(1);
    expect(await page.getByText('Async stand-ups in the thread').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);

    // A week later the round has revealed: every idea, no authors but mine, dots to place.
    await server.setClock({ advanceMs: weekMs });
    await page.reload();
    await page.getByText('3 of 3 dots left').waitFor();
    const hers = ideas.getByRole('listitem').filter({ hasText: 'Async stand-ups in the thread' });
    await hers.waitFor();
    expect(await hers.textContent()).toContain('Anonymous');
    expect(await hers.textContent()).not.toContain('Ana Tokyo');
    await hers.getByRole('button', { name: /Give a dot/ }).click();
    await page.getByText('2 of 3 dots left').waitFor();
    await hers.getByText(/1 dot \(1 mine\)/).waitFor();
    await expectNoSeriousAxeViolations(page);

    // At 360 px too.
    await page.setViewportSize({ width: 360, height: 740 });
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Promoted into a thread of the channel.
    await hers.getByRole('button', { name: /Promote to a thread/ }).click();
    await page.getByRole('heading', { name: 'Async stand-ups in the thread', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/threads\//);

    expect(browser.errors).toEqual([]);
  });
});
