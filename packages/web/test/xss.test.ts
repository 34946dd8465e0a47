// End to end in Chromium: every string of the XSS family (BAD_INPUT.md row 9) entered as a post (plain, as a
// link target, as an image source, edited), a thread title, a channel name, a display name, a mention and an
// API token's name; then every screen that shows them is opened. A trap on `window` (alert, confirm, prompt,
// print, a `__xss` property), Playwright's dialog events and a `securitypolicyviolation` listener stay
// untouched: nothing executes, and nothing even tries (the strict CSP would report an inline handler).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MeanwhileClient } from '@meanwhile/api-client';
import { launchChromium } from './e2e/chromium';
import type { Browser } from './e2e/chromium';
import { describeInBrowser } from './e2e/describe-e2e';
import { seedWorkspace } from './e2e/seed';
import type { SeededWorkspace } from './e2e/seed';
import { startTestServer } from './e2e/test-server';
import type { TestServer } from './e2e/test-server';

/** The XSS family: schemes in every disguise, event handlers, markup in names (BAD_INPUT.md row 9). */
const xssFamily = [
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(2)>',
  '<script>alert(3)</script>',
  '"><img src=x onerror=alert(4)>',
  "'><svg/onload=__xss=5>",
  'javascript:alert(6)',
  'JAVASCRIPT:alert(7)',
  '\tjavascript:alert(8)',
  // (`java\u0000script:` never gets this far: the API refuses NUL in every string.)
  'jav&#x09;ascript:alert(9)',
  '&#106;avascript:alert(10)',
  '&#x6A;avascript&#x3A;alert(11)',
  'data:text/html,<script>alert(12)</script>',
  'vbscript:msgbox(13)',
  '<a href="javascript:alert(14)">click me</a>',
  '<iframe src="javascript:alert(15)"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(16)>',
  '[x](javascript:alert(17))',
  '{{constructor.constructor("alert(18)")()}}',
];

/** Installed before any page script: records every way a payload could announce itself. */
function installTrap(): void {
  const hits: string[] = [];
  const record = (what: string) => () => {
    hits.push(what);
  };
  Object.defineProperty(globalThis, '__xssHits', { value: hits });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    Object.defineProperty(globalThis, name, { value: record(name), configurable: false });
  }
  Object.defineProperty(globalThis, '__xss', {
    get: record('__xss read'),
    set: record('__xss written'),
  });
  document.addEventListener(
    'securitypolicyviolation',
    (event) => hits.push(`CSP ${event.violatedDirective} ${event.blockedURI}`),
    true,
  );
}

/** Every link and frame on the page whose target is a script scheme, and every inline handler. */
function findDangerousMarkup(): string[] {
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name)) {
        const value = attribute.value.replace(/[\p{Cc}\s]/gu, '').toLowerCase();
        if (/^(javascript|vbscript|data):/.test(value))
          found.push(`${element.tagName} ${attribute.name}=${value}`);
      }
    }
  }
  for (const tag of ['iframe', 'object', 'embed', 'body script', 'svg script', 'main img', 'nav img']) {
    for (const element of document.querySelectorAll(tag)) found.push(`<${element.tagName.toLowerCase()}>`);
  }
  return found;
}

/** The markdown of a post carrying `payload` every way markdown allows. */
function postMarkdown(payload: string, i: number): string {
  return [
    `zebra ${payload}`,
    '',
    `[link ${i}](${payload}) · <${payload}> · ![image ${i}](${payload})`,
    '',
    `\`${payload}\``,
    '',
    `@${payload}`,
  ].join('\n');
}

async function must<T>(what: string, result: Promise<{ data?: T; error?: unknown; response: Response }>) {
  const done = await result;
  if (done.data === undefined && !done.response.ok) {
    throw new Error(`${what} failed with ${done.response.status}: ${JSON.stringify(done.error)}`);
  }
  return done.data as T;
}

describeInBrowser('the XSS family in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let team: SeededWorkspace;
  const channelIds: string[] = [];
  const threadIds: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    // Monday 8 March 2027, 10:00 in Berlin: inside everyone's working hours, so asks land at once.
    await server.setClock({ now: '2027-03-08T09:00:00Z' });
    team = await seedWorkspace(server, {
      owner: { timeZone: 'Europe/Berlin' },
      // The viewer is the first: a display name made of markup, signed in in the browser.
      members: xssFamily.map((payload) => ({ displayName: payload, timeZone: 'Europe/Berlin' })),
    });
    const { owner, members } = team;
    const viewer = members[0]!;
    for (const [i, payload] of xssFamily.entries()) {
      const channel = await must(
        `channel ${i}`,
        owner.client.POST('/api/v1/channels', {
          body: { name: `${payload} ${i}`.slice(0, 80), description: payload, visibility: 'public' },
        }),
      );
      channelIds.push(channel.id);
      const created = await must(
        `thread ${i}`,
        owner.client.POST('/api/v1/channels/{id}/threads', {
          params: { path: { id: channel.id } },
          body: {
            title: payload,
            markdown: postMarkdown(payload, i),
            mentions: members.map((m) => m.id),
            asks: [{ personId: viewer.id, level: i % 2 === 0 ? 'today' : 'soon' }],
          },
        }),
      );
      threadIds.push(created.thread.id);
      // The mentioned person with this name replies (their name shows as the author).
      await must(
        `reply ${i}`,
        members[i]!.client.POST('/api/v1/threads/{id}/posts', {
          params: { path: { id: created.thread.id } },
          body: { markdown: postMarkdown(payload, i), mentions: [viewer.id] },
        }),
      );
      // An edit (Discourse's XSS was on edit): the history shows the old and new words.
      await must(
        `edit ${i}`,
        owner.client.PATCH('/api/v1/posts/{id}', {
          params: { path: { id: created.post.id } },
          body: { markdown: `${postMarkdown(payload, i)}\n\nedited ${payload}` },
        }),
      );
    }
    // The viewer asks someone too (their waiting on others), and names a token after a payload.
    await must(
      'the viewer’s ask',
      viewer.client.POST('/api/v1/threads/{id}/posts', {
        params: { path: { id: threadIds[0]! } },
        body: {
          markdown: `zebra ${xssFamily[1]}`,
          mentions: [members[1]!.id],
          asks: [{ personId: members[1]!.id, level: 'normal' }],
        },
      }),
    );
    await must(
      'the token',
      (viewer.client as MeanwhileClient).POST('/api/v1/tokens', {
        body: { name: xssFamily[2]!, scope: 'read' },
      }),
    );

    browser = await launchChromium();
    await browser.context.addInitScript(installTrap);
    browser.page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** What the trap caught, and dangerous markup in the DOM, on the page as it is now. */
  async function inspect(where: string): Promise<void> {
    const { page } = browser;
    const hits = await page.evaluate(() => [...(globalThis as unknown as { __xssHits: string[] }).__xssHits]);
    const markup = await page.evaluate(findDangerousMarkup);
    expect({ where, hits, markup, dialogs }).toEqual({ where, hits: [], markup: [], dialogs: [] });
  }

  async function visit(path: string, ready: (page: Browser['page']) => Promise<unknown>): Promise<void> {
    const { page } = browser;
    await page.goto(`${server.url}${path}`);
    await ready(page);
    // Let late answers (people, channels, live events) render too.
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await inspect(path);
  }

  it('has a trap that does catch a payload (so that its silence below means something)', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/sign-in`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => {
      // A payload as an injection would leave it: the CSP refuses the handler and reports it.
      document.body.insertAdjacentHTML('beforeend', '<img src="/x.png" onerror="alert(1)">');
      alert('called directly');
    });
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { __xssHits: string[] }).__xssHits.join(' | ')),
      )
      .toMatch(/^alert \| CSP script-src-attr/);
    expect(await page.evaluate(findDangerousMarkup)).toEqual(['IMG onerror']);
    expect(dialogs).toEqual([]);
    // The probe's own CSP report is in the console log: start the real check from a clean one.
    browser.errors.length = 0;
  });

  it('executes nothing on any screen that shows the strings', async () => {
    const { page } = browser;
    const viewer = team.members[0]!;
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail').fill(viewer.email);
    await page.getByLabel('Password').fill(viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

    // The inbox lists the asks, titled with the payloads; the sidebar lists the channels by name.
    await visit('/inbox', (p) => p.getByRole('main').getByRole('article').first().waitFor());
    const inboxText = await page.getByRole('main').textContent();
    expect(inboxText).toContain(xssFamily[0]);
    const sidebar = page.getByRole('navigation', { name: 'Workspace' });
    expect(await sidebar.textContent()).toContain(`${xssFamily[2]} 2`);

    await visit('/waiting', (p) => p.getByRole('heading', { name: 'Waiting on others', level: 1 }).waitFor());
    await visit('/channels', (p) => p.getByRole('heading', { level: 1 }).waitFor());

    for (const [i, payload] of xssFamily.entries()) {
      await visit(`/channels/${channelIds[i]}`, (p) =>
        p.getByRole('heading', { name: `${payload} ${i}`.slice(0, 80).trim(), level: 1 }).waitFor(),
      );
      expect(await page.getByRole('list', { name: 'Threads' }).textContent()).toContain(payload.trim());

      await visit(`/threads/${threadIds[i]}`, (p) =>
        p.getByRole('main').locator('.post-body').first().waitFor(),
      );
      // The title and the names are text; the post bodies are the server's sanitised HTML.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(payload.trim());
      // Open the first post's edit history: the old version's HTML is shown too.
      await page.getByRole('button', { name: 'Edited · history' }).first().click();
      await page.getByRole('list', { name: 'Edit history' }).waitFor();
      await inspect(`history of /threads/${threadIds[i]}`);
    }

    // The composer: the payload typed as a reply and previewed; the mention picker lists the names.
    await visit(`/threads/${threadIds[3]}`, (p) => p.getByRole('form', { name: 'Reply' }).waitFor());
    const reply = page.getByRole('form', { name: 'Reply' });
    await reply.getByLabel('Your reply').fill(xssFamily.join('\n'));
    await reply.getByRole('button', { name: 'Preview' }).click();
    await reply.getByRole('combobox', { name: 'Mention' }).fill('<');
    await reply.getByRole('listbox', { name: 'Mention' }).getByRole('option').first().waitFor();
    expect(await reply.getByRole('listbox', { name: 'Mention' }).textContent()).toContain('<img');
    await inspect('the composer with a preview and the mention picker');

    // Search: titles and posts with highlights around the payloads.
    await visit('/search?q=zebra', (p) => p.getByRole('list', { name: 'Results' }).waitFor());
    expect(await page.getByRole('list', { name: 'Results' }).textContent()).toContain(xssFamily[0]);
    await visit('/search?q=alert', (p) => p.getByRole('list', { name: 'Results' }).waitFor());

    await visit('/time-map', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    expect(await page.getByRole('main').textContent()).toContain(xssFamily[4]);
    await visit('/settings', (p) =>
      p.getByRole('list', { name: 'API tokens' }).getByRole('listitem').waitFor(),
    );
    expect(await page.getByRole('list', { name: 'API tokens' }).textContent()).toContain(xssFamily[2]);

    const cspErrors = browser.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
    expect(cspErrors).toEqual([]);
  }, 300_000);
});
