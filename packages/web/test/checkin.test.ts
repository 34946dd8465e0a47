// End to end in Chromium: a check-in asked at 10:30 of each participant's own day; once the server's clock
// passes 10:30 in Berlin, the owner finds the question on the check-ins screen, answers it, and sees the
// check-in's page (team figures only). axe finds no serious violation on either screen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import type { SeededWorkspace } from './e2e/seed';
import type { TestServer } from './e2e/test-server';
import { createChannel, createThread, signInThroughUi, startBrowserWorkspace } from './e2e/workspace';

describeInBrowser('check-ins in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: SeededWorkspace;
  let checkinId: string;
  beforeAll(async () => {
    // Monday 30 November 2026, 10:00 in Berlin (09:00 UTC).
    ({ server, seeded, browser } = await startBrowserWorkspace({
      now: '2026-11-30T09:00:00.000Z',
      plan: {
        owner: { timeZone: 'Europe/Berlin' },
        members: [{ displayName: 'Ana Tokyo', timeZone: 'Asia/Tokyo' }],
      },
    }));
    const { client } = seeded.owner;
    const channelId = await createChannel(client, {
      name: 'team',
      description: 'The team',
      visibility: 'public',
    });
    const threadId = await createThread(client, channelId, {
      title: 'Daily check-in',
      markdown: 'Answers gather here.',
    });
    const checkin = await client.POST('/api/v1/checkins', {
      body: {
        threadId,
        questions: [
          { text: 'What did you finish?', isBlocker: false },
          { text: 'What is in your way?', isBlocker: true },
        ],
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        localTime: '10:30',
        participantIds: [seeded.owner.id, seeded.members[0]!.id],
      },
    });
    if (!checkin.data) throw new Error(`opening the check-in failed: ${checkin.response.status}`);
    checkinId = checkin.data.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('asks at my local time, takes my answers, and shows team figures only', async () => {
    // 10:45 in Berlin: my question of the day has been asked.
    await server.setClock({ advanceMs: 45 * 60 * 1000 });
    // The scheduler asks in the background: wait until my ask exists (no timing, just its arrival).
    await expect
      .poll(async () => (await seeded.owner.client.GET('/api/v1/me/checkin-asks')).data?.items.length)
      .toBe(1);
    const { page } = browser;
    await signInThroughUi(page, server.url, seeded.owner);

    await page
      .getByRole('navigation', { name: 'Workspace' })
      .getByRole('link', { name: 'Check-ins' })
      .click();
    await page.getByRole('heading', { name: 'Check-ins', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: /Daily check-in/ });
    await form.waitFor();
    await form.getByLabel('What did you finish?').fill('The export');
    await form.getByLabel(/What is in your way\?/).fill('Waiting for the API key');
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Send answers' }).click();
    await form.getByText(/gathered into the check-in’s thread/).waitFor();
    const asks = await seeded.owner.client.GET('/api/v1/me/checkin-asks');
    expect(asks.data!.items[0]!.answers).toEqual(['The export', 'Waiting for the API key']);

    await form.getByRole('link', { name: 'Team figures' }).click();
    await page.getByRole('heading', { name: 'Daily check-in', level: 1 }).waitFor();
    await page.getByText(/Asked of 2 people at 10:30 in each one’s own time/).waitFor();
    expect(await page.getByText('Ana Tokyo').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    expect(new URL(page.url()).pathname).toBe(`/checkins/${checkinId}`);

    expect(browser.errors).toEqual([]);
  });
});
