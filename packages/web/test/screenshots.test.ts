// Every screen in Chromium at 1280 px and at 360 px over a seeded workspace (people in four zones, channels,
// threads with asks, an inbox with items, someone to wait on): axe finds no serious violation on any of
// them, and each is saved as a PNG in packages/web/test/artifacts/ (git-ignored). With
// MEANWHILE_UPDATE_SCREENSHOTS=1 the main ones are copied to docs/screenshots/ for the README.
//
// The screens are a list of paths: a screen still a placeholder is covered as it is, and as it lands.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
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

const artifactsDir = fileURLToPath(new URL('./artifacts/', import.meta.url));
const docsDir = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const updateDocs = process.env.MEANWHILE_UPDATE_SCREENSHOTS === '1';

/** The widths every screen is shot at: a desktop and a small phone. */
const viewports = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
] as const;

/** The screenshots the README shows (copied to docs/screenshots/ on request). */
const mainShots = [
  'inbox-1280',
  'thread-composer-1280',
  'rhythm-1280',
  'time-map-1280',
  'inbox-360',
  'thread-composer-360',
];

/** Monday 8 March 2027, 10:00 in Berlin (the viewer's morning), 01:00 in San Francisco. */
const now = '2027-03-08T09:00:00Z';

/** One screen: its name (the file's), its path, and what to wait for or do before the shot. */
interface Shot {
  name: string;
  path: string;
  prepare?: (page: Page) => Promise<void>;
}

async function must<T>(what: string, result: Promise<{ data?: T; error?: unknown; response: Response }>) {
  const done = await result;
  if (!done.response.ok) {
    throw new Error(`${what} failed with ${done.response.status}: ${JSON.stringify(done.error)}`);
  }
  return done.data as T;
}

describeInBrowser('screenshots of every screen in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let team: SeededWorkspace;
  const saved: string[] = [];
  let launchChannel = '';
  let planThread = '';

  /**
   * Shoots the page as it is now at every width, with axe on each (and once more in the dark theme); waits
   * for `ready` after each resize.
   */
  async function shoot(name: string, ready?: (page: Page) => Promise<void>): Promise<void> {
    const { page } = browser;
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      await ready?.(page);
      await expectNoSeriousAxeViolations(page);
      const file = `${artifactsDir}${name}-${viewport.width}.png`;
      await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      saved.push(`${name}-${viewport.width}`);
    }
    // The dark theme (the system's choice) must pass too: contrast is checked per theme.
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await expectNoSeriousAxeViolations(page);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }

  async function settle(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    // Nothing still loading: the shot shows the screen, not its spinner.
    await page.waitForFunction(
      () =>
        ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.startsWith('Loading')),
    );
  }

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    server = await startTestServer();
    await server.setClock({ now });
    browser = await launchChromium();
    const { page, context } = browser;
    // The browser's clock and zone match the server's story: Monday morning in Berlin.
    await context.clock.setFixedTime(new Date(now));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Europe/Berlin' });
    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shoots every screen at 1280 and 360 px with no serious axe violation', async () => {
    const { page } = browser;
    // The first-run screen, before the setup link is used.
    await page.goto(server.setupUrl);
    await settle(page);
    await shoot('first-run');

    team = await seedWorkspace(server, {
      workspaceName: 'Northwind',
      owner: { displayName: 'Olivia Owner', timeZone: 'Europe/Berlin' },
      members: [
        { displayName: 'Sam Rivera', timeZone: 'America/Los_Angeles' },
        { displayName: 'Ana Costa', timeZone: 'America/Sao_Paulo' },
        { displayName: 'Kenji Sato', timeZone: 'Asia/Tokyo' },
      ],
    });
    const { owner, members } = team;
    const [sam, ana, kenji] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
    const channel = async (name: string, description: string) =>
      (await must(name, owner.client.POST('/api/v1/channels', { body: { name, description } }))).id;
    launchChannel = await channel('launch', 'Getting version 2 out of the door');
    const designChannel = await channel('design', 'Screens, flows and words');
    await channel('random', 'Everything else');

    const thread = async (
      by: typeof owner,
      channelId: string,
      title: string,
      markdown: string,
      asks: { personId: string; level: 'today' | 'soon' | 'normal' | 'fyi' }[],
    ) =>
      must(
        title,
        by.client.POST('/api/v1/channels/{id}/threads', {
          params: { path: { id: channelId } },
          body: { title, markdown, mentions: asks.map((a) => a.personId), asks },
        }),
      );
    // Asks for Olivia (her inbox), an ask of hers (waiting on others), a reply and a reaction.
    const plan = await thread(
      kenji,
      launchChannel,
      'Release plan for 2.0',
      'Here is the **plan**: freeze on Wednesday, ship on Thursday.\n\n- changelog\n- migration notes\n- blog post',
      [{ personId: owner.id, level: 'today' }],
    );
    planThread = plan.thread.id;
    await must(
      'reply',
      ana.client.POST('/api/v1/threads/{id}/posts', {
        params: { path: { id: planThread } },
        body: { markdown: 'The migration notes are drafted; I will finish them tomorrow morning.' },
      }),
    );
    await thread(ana, designChannel, 'New onboarding copy', 'Could you read the *welcome* screens?', [
      { personId: owner.id, level: 'soon' },
    ]);
    await thread(kenji, designChannel, 'Icon set for the sidebar', 'Two options attached in the doc.', [
      { personId: owner.id, level: 'normal' },
    ]);
    await thread(owner, launchChannel, 'Who owns the status page?', 'We need one name before Thursday.', [
      { personId: sam.id, level: 'soon' },
    ]);

    // Sign in as Olivia.
    await page.goto(`${server.url}/sign-in`);
    await settle(page);
    await shoot('sign-in');
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    const shots: Shot[] = [
      {
        name: 'inbox',
        path: '/inbox',
        prepare: async (p) => {
          await p.getByRole('main').getByRole('article').first().waitFor();
        },
      },
      { name: 'waiting', path: '/waiting' },
      { name: 'channels', path: '/channels' },
      { name: 'channel', path: `/channels/${launchChannel}` },
      {
        name: 'thread',
        path: `/threads/${planThread}`,
        prepare: async (p) => {
          await p.locator('article.post').first().waitFor();
        },
      },
      {
        name: 'thread-composer',
        path: `/threads/${planThread}`,
        prepare: async (p) => {
          // The reply composer, filled in, asking Sam: the landing preview shows when it lands for him.
          const reply = p.getByRole('form', { name: 'Reply' });
          await reply.getByLabel('Your reply').fill('Sam, can you confirm the **status page** by Thursday?');
          const askLevel = reply.getByLabel('Ask level');
          if ((await askLevel.count()) > 0) await askLevel.selectOption('today');
          await reply.getByRole('combobox', { name: 'Ask for a reply' }).fill('Sam');
          await reply.getByRole('option', { name: 'Sam Rivera' }).click();
          await reply.locator('.landing-row', { hasText: 'Sam Rivera' }).waitFor();
          // Close the picker so that the shot shows the preview, not the list of names.
          await reply.getByRole('combobox', { name: 'Ask for a reply' }).press('Escape');
          await reply.getByRole('combobox', { name: 'Ask for a reply' }).blur();
        },
      },
      {
        name: 'new-thread',
        path: `/channels/${launchChannel}`,
        prepare: async (p) => {
          await p.getByRole('button', { name: 'New thread' }).click();
          await p.getByRole('form', { name: 'New thread' }).waitFor();
        },
      },
      { name: 'rhythm', path: '/rhythm' },
      { name: 'agreement', path: '/agreement' },
      { name: 'time-map', path: '/time-map' },
      {
        name: 'search',
        path: '/search?q=plan',
        prepare: async (p) => {
          await p.getByRole('list', { name: 'Results' }).waitFor();
        },
      },
      { name: 'settings', path: '/settings' },
      { name: 'shortcuts', path: '/inbox', prepare: async (p) => p.keyboard.press('?') },
      { name: 'not-found', path: '/no-such-page' },
    ];
    for (const shot of shots) {
      await page.setViewportSize(viewports[0]);
      await page.goto(`${server.url}${shot.path}`);
      await settle(page);
      await shot.prepare?.(page);
      await shoot(shot.name, settle);
    }
    expect(saved).toContain('inbox-360');
    expect(saved).toHaveLength((shots.length + 2) * viewports.length);
    expect(browser.errors).toEqual([]);

    if (updateDocs) {
      await mkdir(docsDir, { recursive: true });
      for (const name of mainShots) await copyFile(`${artifactsDir}${name}.png`, `${docsDir}${name}.png`);
    }
  }, 300_000);
});
