// End to end in Chromium: a team in three zones (the owner in Berlin, Ana in New York, Kenji in Tokyo)
// sees its candidate sync windows on the time map; the owner fixes a proposed weekly pattern into the
// agreement with a reason; a meeting that breaks the notice rule is refused with the earliest allowed
// start shown beside the field; a valid one inside the new window is requested and Ana answers; the
// owner's private calendar feed, fetched by the test and parsed with ical.js, holds the meeting at the
// same instant. axe finds no serious violation on the time map, the meetings and the settings screens.
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import type { SeededWorkspace } from './e2e/seed';
import type { TestServer } from './e2e/test-server';
import { createChannel, createThread, signInThroughUi, startBrowserWorkspace } from './e2e/workspace';

const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

describeInBrowser('sync windows and meetings in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: SeededWorkspace;
  let threadId: string;
  beforeAll(async () => {
    // Monday 30 November 2026, 10:00 in Berlin (04:00 in New York, 18:00 in Tokyo).
    ({ server, seeded, browser } = await startBrowserWorkspace({
      now: '2026-11-30T09:00:00.000Z',
      plan: {
        owner: { displayName: 'Olivia Berlin', timeZone: 'Europe/Berlin' },
        members: [
          { displayName: 'Ana New York', timeZone: 'America/New_York' },
          { displayName: 'Kenji Tokyo', timeZone: 'Asia/Tokyo' },
        ],
      },
    }));
    const { client } = seeded.owner;
    const channelId = await createChannel(client, {
      name: 'planning',
      description: 'Plans',
      visibility: 'public',
    });
    threadId = await createThread(client, channelId, {
      title: 'Q1 planning agenda',
      markdown: '1. Goals\n2. Hiring',
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fixes a candidate window, refuses a meeting inside the notice, requests a valid one, and feeds it', async () => {
    const { page } = browser;
    const ana = seeded.members[0]!;
    await signInThroughUi(page, server.url, seeded.owner);

    // The candidates on the team time map: weekly patterns and single windows, each naming who is left out
    // (nobody's 09:00–17:00 spans Berlin, New York and Tokyo at once).
    await page.goto(`${server.url}/time-map`);
    await page.getByRole('heading', { name: 'Candidate sync windows' }).waitFor();
    const patterns = page.getByRole('list', { name: 'Proposed weekly patterns' });
    await patterns.waitFor();
    const windows = page.getByRole('list', { name: 'Candidate windows, best first' });
    expect(await windows.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await windows.getByRole('listitem').first().textContent()).toMatch(/of 3 people/);
    expect(await windows.textContent()).toMatch(/Left out: (Kenji Tokyo|Ana New York|Olivia Berlin)/);
    await expectNoSeriousAxeViolations(page);

    // The owner fixes the first pattern into the agreement, with a reason: a new version.
    const first = patterns.getByRole('listitem').first();
    const label = (await first.locator('strong').textContent()) ?? '';
    expect(label).toMatch(/\d\d:\d\d–\d\d:\d\d Berlin$/);
    await first.getByRole('button', { name: /^Fix in the agreement: .+ Berlin$/ }).click();
    await first.getByLabel(/Why \(required/).fill('Two calls a week where most of us overlap');
    await first.getByRole('button', { name: 'Fix in the agreement' }).click();
    await page.getByText(/^Fixed in the agreement: version \d+\.$/).waitFor();
    await first.getByText('In the agreement.').waitFor();
    const agreement = await seeded.owner.client.GET('/api/v1/agreement');
    const fixed = agreement.data!.agreement.syncWindows;
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed.every((w) => w.timeZone === 'Europe/Berlin')).toBe(true);
    expect(agreement.data!.reason).toBe('Two calls a week where most of us overlap');
    await page
      .getByRole('list', { name: 'Sync windows in the agreement' })
      .getByText(label.split(' ').at(-2)!, { exact: false })
      .first()
      .waitFor();

    // The meetings screen, from the sidebar.
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Meetings' }).click();
    await page.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Request a meeting' });
    await form.getByLabel('Title').fill('Q1 planning');
    await form.getByRole('combobox', { name: 'Invitees' }).fill('Ana');
    await form
      .getByRole('listbox', { name: 'Invitees' })
      .getByRole('option', { name: 'Ana New York' })
      .click();
    const notice = form.getByRole('list', { name: 'Earliest allowed start for each invitee' });
    await notice
      .getByText(/^Ana New York: \d\d:\d\d \w{3}.* for Ana New York · \d\d:\d\d \w{3}.* for you$/)
      .waitFor();
    const asked = await seeded.owner.client.GET('/api/v1/meetings/notice', {
      params: { query: { invitees: ana.id } },
    });
    const earliest = Date.parse(asked.data!.earliestStart!);
    // At Monday 04:00 in New York, 16 of Ana's working hours have not passed before Tuesday evening there.
    expect(earliest).toBeGreaterThan(Date.parse('2026-12-01T14:00:00Z'));
    await form.getByLabel('Channel').selectOption({ label: '#planning' });
    await form.getByLabel('Thread').selectOption({ label: 'Q1 planning agenda' });

    // Tuesday 15:00 in Berlin (09:00 for Ana): too early for her notice; the server refuses it.
    const start = form.getByLabel('Start (your time)');
    await start.fill('2026-12-01T15:00');
    await form.getByText(/^Too early: the earliest allowed start is/).waitFor();
    await expectNoSeriousAxeViolations(page);
    await form.getByRole('button', { name: 'Request meeting' }).click();
    const refusal = form.locator('.meeting-refusal');
    await refusal.waitFor();
    const berlinClock = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(earliest);
    expect(await refusal.textContent()).toContain(`Earliest allowed start: ${berlinClock}`);
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    expect((await seeded.owner.client.GET('/api/v1/meetings')).data!.items).toEqual([]);
    await expectNoSeriousAxeViolations(page);

    // A valid start: the first fixed window's next occurrence from Wednesday, in Berlin (my zone).
    const rule = fixed[0]!;
    let date = '';
    for (let d = 2; d <= 8; d++) {
      const day = new Date(Date.UTC(2026, 11, d));
      if (weekdays[day.getUTCDay()] === rule.day) date = day.toISOString().slice(0, 10);
    }
    await start.fill(`${date}T${rule.hours.slice(0, 5)}`);
    await form.getByText('Inside a sync window.').waitFor();
    await form.getByRole('button', { name: 'Request meeting' }).click();
    await page
      .getByText('Meeting “Q1 planning” requested: the invitees are told in their working hours.')
      .waitFor();
    const organised = page.getByRole('article', { name: /Q1 planning/ });
    await organised.waitFor();
    expect(await organised.getByRole('list', { name: 'Answers to Q1 planning' }).textContent()).toBe(
      'Ana New York: no answer yet',
    );
    const meetings = (await seeded.owner.client.GET('/api/v1/meetings')).data!.items;
    expect(meetings).toHaveLength(1);
    const meeting = meetings[0]!;
    expect(meeting).toMatchObject({
      isOutsideSyncWindow: false,
      outsideWindowReason: null,
      agendaThreadId: threadId,
    });

    // Ana answers yes; the owner sees it.
    const answered = await ana.client.POST('/api/v1/meetings/{id}/response', {
      params: { path: { id: meeting.id } },
      body: { response: 'yes' },
    });
    expect(answered.response.status).toBe(200);
    await page.reload();
    await page.getByRole('list', { name: 'Answers to Q1 planning' }).getByText('Ana New York: yes').waitFor();
    await expectNoSeriousAxeViolations(page);

    // The private calendar feed, from settings: shown once, fetched and parsed with ical.js.
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Calendar feed' }).waitFor();
    await page.getByRole('button', { name: 'Make my calendar feed' }).click();
    const feedUrl = await page.getByLabel('Calendar feed address').inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${server.url}/calendar/.+\\.ics$`));
    await page.getByText(/It is a secret/).waitFor();
    await expectNoSeriousAxeViolations(page);
    const response = await fetch(feedUrl);
    expect(response.status).toBe(200);
    const root = new ICAL.Component(ICAL.parse(await response.text()) as unknown[]);
    const zones = new Map<string, ICAL.Timezone>();
    for (const tz of root.getAllSubcomponents('vtimezone')) {
      zones.set(String(tz.getFirstPropertyValue('tzid')), new ICAL.Timezone(tz));
    }
    const event = root
      .getAllSubcomponents('vevent')
      .find((e) => String(e.getFirstPropertyValue('summary')).includes('Q1 planning'));
    expect(event).toBeDefined();
    const dtstart = event!.getFirstProperty('dtstart')!;
    const time = (dtstart.getFirstValue() as ICAL.Time).clone();
    const tzid = dtstart.getParameter('tzid');
    if (typeof tzid === 'string') time.zone = zones.get(tzid)!;
    expect(time.toUnixTime() * 1000).toBe(Date.parse(meeting.startsAt));

    // Rotating makes a new address; the old one stops working.
    await page.getByRole('button', { name: 'Rotate the address…' }).click();
    await page.getByRole('button', { name: 'Yes, rotate' }).click();
    await page.waitForFunction(
      (old) => (document.querySelector('.token-secret-value') as HTMLInputElement | null)?.value !== old,
      feedUrl,
    );
    expect((await fetch(feedUrl)).status).toBe(404);

    // The meetings screen at 360 px.
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/meetings`);
    await page.getByRole('article', { name: /Q1 planning/ }).waitFor();
    await expectNoSeriousAxeViolations(page);

    expect(browser.errors).toEqual([]);
  });
});
