// End to end in Chromium: a person paints their rhythm by dragging and from the keyboard, picks a time zone
// by searching, sets time off, saves, reloads and sees it all again; the agreement changes with a reason;
// the team time map shows everyone; axe finds nothing serious on the three screens at 1280 px and 360 px.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations } from './e2e/axe';
import { launchChromium } from './e2e/chromium';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import { seedWorkspace } from './e2e/seed';
import type { SeededWorkspace } from './e2e/seed';
import { startTestServer } from './e2e/test-server';
import type { TestServer } from './e2e/test-server';

const cell = (page: Page, day: number, slot: number) =>
  page.locator(`[role="gridcell"][data-day="${day}"][data-slot="${slot}"]`);

async function centre(page: Page, day: number, slot: number): Promise<{ x: number; y: number }> {
  const box = await cell(page, day, slot).boundingBox();
  if (!box) throw new Error(`cell ${day}/${slot} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The elements of the screen that stick out past the right edge of the main landmark. */
async function overflowingMain(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main');
    if (!main) return ['no main'];
    const right = main.getBoundingClientRect().right;
    return [...main.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > right + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
  });
}

describeInBrowser('my rhythm, the agreement and the time map in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let seeded: SeededWorkspace;
  beforeAll(async () => {
    server = await startTestServer();
    seeded = await seedWorkspace(server, {
      members: [{ displayName: 'Sam Francisco', timeZone: 'America/Los_Angeles' }],
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('paints hours, sets time off, saves, reloads and sees them', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/sign-in?next=%2Frhythm`);
    await page.getByLabel('E-mail').fill(seeded.owner.email);
    await page.getByLabel('Password').fill(seeded.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'My rhythm' }).waitFor();
    const grid = page.getByRole('grid', { name: 'Weekly rhythm, one cell per half hour' });
    await grid.waitFor();
    await expectNoSeriousAxeViolations(page);

    // Drag from Saturday 10:00 to Sunday 11:30 with the working brush.
    expect(await cell(page, 5, 20).getAttribute('data-kind')).toBe('off');
    await cell(page, 5, 24).scrollIntoViewIfNeeded();
    await page.getByText('No time off planned.').waitFor(); // The page below has settled.
    const start = await centre(page, 5, 20);
    const end = await centre(page, 6, 23);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 8 });
    await page.mouse.up();
    for (const [day, slot] of [
      [5, 20],
      [5, 23],
      [6, 20],
      [6, 23],
    ] as const) {
      expect(await cell(page, day, slot).getAttribute('data-kind'), `${day}/${slot}`).toBe('working');
    }
    expect(await cell(page, 5, 24).getAttribute('data-kind')).toBe('off');

    // From the keyboard: the cursor is where the drag ended (Sunday 11:30); F picks focus, Space paints.
    await page.keyboard.press('f');
    await page.keyboard.press(' ');
    expect(await cell(page, 6, 23).getAttribute('data-kind')).toBe('focus');
    await expect.poll(() => page.locator('.rhythm-sentence').textContent()).toContain('Sat–Sun 10:00–12:00');
    expect(await page.locator('.rhythm-sentence').textContent()).toContain('except during focus');

    // The time zone, found by typing.
    await page.getByLabel('Find a time zone').fill('lisb');
    await page.getByLabel('Your time zone').selectOption('Europe/Lisbon');
    await expect.poll(() => page.locator('.rhythm-sentence').textContent()).toContain('Lisbon time');

    // Time off with a note.
    await page.getByLabel('First day off').fill('2027-01-04');
    await page.getByLabel('Last day off').fill('2027-01-08');
    await page.getByLabel(/^Note/).fill('Skiing <b>trip</b>');
    await page.getByRole('button', { name: 'Add time off' }).click();
    const timeOff = page.getByRole('list', { name: 'Planned time off' });
    await timeOff.getByText('Skiing <b>trip</b>').waitFor();

    await page.getByRole('button', { name: 'Save rhythm' }).click();
    await page.getByText('Saved.').waitFor();

    // What the server keeps is what the grid showed.
    const stored = await seeded.owner.client.GET('/api/v1/me/rhythm');
    expect(stored.data?.rhythm.timeZone).toBe('Europe/Lisbon');
    expect(stored.data?.rhythm.week.sat).toEqual(['10:00-12:00']);
    expect(stored.data?.rhythm.week.sun).toEqual(['10:00-12:00']);
    expect(stored.data?.focus.sun).toEqual(['11:30-12:00']);

    await page.reload();
    await grid.waitFor();
    expect(await cell(page, 5, 20).getAttribute('data-kind')).toBe('working');
    expect(await cell(page, 6, 22).getAttribute('data-kind')).toBe('working');
    expect(await cell(page, 6, 23).getAttribute('data-kind')).toBe('focus');
    expect(await cell(page, 5, 24).getAttribute('data-kind')).toBe('off');
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/Lisbon');
    await timeOff.getByText('Skiing <b>trip</b>').waitFor();
    expect(await timeOff.textContent()).toContain('Jan 4 – 8, 2027');
    expect(await page.locator('.rhythm-sentence').textContent()).toContain('never on your time off');

    await page.setViewportSize({ width: 360, height: 740 });
    await grid.waitFor();
    await expectNoSeriousAxeViolations(page);
    // The grid fits the phone's width: nothing of the screen sticks out of the main area.
    expect(await overflowingMain(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(browser.errors).toEqual([]);
  });

  it('shows the agreement as a document, changes it with a reason, and keeps the history', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/agreement`);
    await page.getByRole('article', { name: 'The terms' }).waitFor();
    await page.getByText('No changes yet: these are Meanwhile’s defaults.').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: 'Change the agreement' }).click();
    const form = page.getByRole('form', { name: 'Change the agreement' });
    await form.getByLabel('Interrupts per person per week').fill('5');
    await form.getByRole('button', { name: 'Save the new version' }).click();
    await form.getByText('Say why the agreement changes').waitFor();
    await form.getByLabel('Why it changes (required)').fill('Fewer interrupts <script>alert(1)</script>');
    await form.getByRole('button', { name: 'Save the new version' }).click();
    await page.getByText(/The agreement is changed: version \d+\./).waitFor();
    const history = page.getByRole('list', { name: 'Versions, newest first' });
    await history.getByText('Fewer interrupts <script>alert(1)</script>', { exact: false }).waitFor();
    expect(await history.locator('li').first().textContent()).toContain('Olivia Owner');
    expect(await page.getByRole('article', { name: 'The terms' }).textContent()).toContain(
      '5 interrupts per person per week',
    );
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.getByRole('article', { name: 'The terms' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(browser.errors).toEqual([]);
  });

  it('shows the team time map: a row per person, the overlap and now', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/time-map`);
    const map = page.getByRole('list', { name: 'People and their hours' });
    await map.waitFor();
    await map.getByText('Olivia Owner (you)').waitFor();
    await map.getByText('Sam Francisco').waitFor();
    expect(await map.locator('[data-person]').count()).toBe(2);
    expect(await map.locator('.time-map-now').count()).toBe(3);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('radio', { name: '48 hours' }).check();
    await page.setViewportSize({ width: 360, height: 740 });
    await map.waitFor();
    await expectNoSeriousAxeViolations(page);
    expect(await overflowingMain(page)).toEqual([]);
    // Bars are placed through CSSOM: no CSP violation on the way.
    expect(browser.errors).toEqual([]);
  });

  it('keeps the three screens axe-clean in the dark theme too', async () => {
    const { page } = browser;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const [path, ready] of [
      ['/rhythm', page.getByRole('grid', { name: 'Weekly rhythm, one cell per half hour' })],
      ['/agreement', page.getByRole('article', { name: 'The terms' })],
      ['/time-map', page.getByRole('list', { name: 'People and their hours' })],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await ready.waitFor();
      await expectNoSeriousAxeViolations(page);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(browser.errors).toEqual([]);
  });
});
