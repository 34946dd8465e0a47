// `npm run bench -w @meanwhile/web`: issue 5's "the inbox of 500 items renders in under 100 ms", measured
// in Chromium with the Performance API, and as a ratio to a baseline measured in the same run.
//
// A real server (test mode, fresh SQLite, the built app: run `npm run build -w @meanwhile/web` first) gets
// a workspace where five people write 10 threads of 50 posts that mention Sam (every 10th reply asks him), all
// delivered to Sam in his working hours: 500 inbox items, 40 of them asks. Sam's inbox is then loaded in
// Chromium several times. Each load yields:
// - app: the inbox screen's own measure (`meanwhile:inbox-render`): from the start of the first render
//   with the 500 items to after React's commit and a forced style and layout of the list;
// - static: the same 500 rows as plain HTML (the list's markup as the app rendered it, so the same CSS
//   and DOM) set with `innerHTML` into a fresh element of the same page, plus the same forced layout.
// The table shows the median over the loads (the first load warms up and is left out), the ratio of the
// medians app/static and the lowest and highest per-load ratio.
import { cpus, loadavg } from 'node:os';
import { launchChromium } from '../test/e2e/chromium';
import { seedWorkspace } from '../test/e2e/seed';
import { startTestServer } from '../test/e2e/test-server';

const threads = 10;
const postsPerThread = 50;
const loads = Number(process.env.INBOX_BENCH_LOADS ?? 9);
const budgetMs = 100;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  const started = Date.now();
  const server = await startTestServer();
  // Monday 8 March 2027, 10:00 in Berlin: inside Sam's (default) working hours.
  await server.setClock({ now: '2027-03-08T09:00:00Z' });
  // Five writers, two threads each: posting is limited to 120 posts a minute per person.
  const writerNames = ['Ada', 'Bo', 'Chen', 'Dee'];
  const { owner, members } = await seedWorkspace(server, {
    members: [
      { displayName: 'Sam Rivera', timeZone: 'Europe/Berlin' },
      ...writerNames.map((displayName) => ({ displayName, timeZone: 'Europe/Berlin' })),
    ],
  });
  const sam = members[0]!;
  const writers = [owner, ...members.slice(1)];
  const channel = await owner.client.POST('/api/v1/channels', {
    body: { name: 'bench', description: '', visibility: 'public' },
  });
  if (!channel.data) throw new Error(`creating the channel answered ${channel.response.status}`);
  const channelId = channel.data.id;
  const threadsPerWriter = threads / writers.length;
  const counts = await Promise.all(
    writers.map(async (writer, w) => {
      if (writer !== owner) {
        const joined = await writer.client.POST('/api/v1/channels/{id}/join', {
          params: { path: { id: channelId } },
        });
        if (!joined.response.ok) throw new Error(`joining answered ${joined.response.status}`);
      }
      let posted = 0;
      for (let t = 0; t < threadsPerWriter; t++) {
        const number = w * threadsPerWriter + t + 1;
        const thread = await writer.client.POST('/api/v1/channels/{id}/threads', {
          params: { path: { id: channelId } },
          body: { title: `Bench thread ${number}`, markdown: 'Opening post', mentions: [sam.id] },
        });
        if (!thread.data) throw new Error(`creating a thread answered ${thread.response.status}`);
        posted++;
        for (let p = 1; p < postsPerThread; p++) {
          const asks = p % 10 === 0 ? [{ personId: sam.id, level: 'normal' as const }] : [];
          const post = await writer.client.POST('/api/v1/threads/{id}/posts', {
            params: { path: { id: thread.data.thread.id } },
            body: { markdown: `Post ${p} of thread ${number}`, asks },
          });
          if (!post.data) {
            throw new Error(`posting answered ${post.response.status}: ${JSON.stringify(post.error)}`);
          }
          posted++;
        }
      }
      return posted;
    }),
  );
  const posted = counts.reduce((a, b) => a + b, 0);
  // Past every release time; then wait until all 500 are in Sam's inbox.
  await server.setClock({ advanceMs: 60_000 });
  let inboxSize = 0;
  for (let tries = 0; tries < 100 && inboxSize < posted; tries++) {
    let cursor: string | undefined;
    inboxSize = 0;
    do {
      const page = await sam.client.GET('/api/v1/inbox', {
        params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      });
      inboxSize += page.data!.items.length;
      cursor = page.data!.nextCursor ?? undefined;
    } while (cursor);
    if (inboxSize < posted) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (inboxSize !== posted) throw new Error(`Sam's inbox holds ${inboxSize} items, not ${posted}`);
  const seededS = (Date.now() - started) / 1000;

  const browser = await launchChromium();
  const { page } = browser;
  try {
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('E-mail').fill(sam.email);
    await page.getByLabel('Password').fill(sam.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();

    const appMs: number[] = [];
    const staticMs: number[] = [];
    for (let load = 0; load <= loads; load++) {
      await page.goto(`${server.url}/inbox`);
      const handle = await page.waitForFunction(
        () => performance.getEntriesByName('meanwhile:inbox-render', 'measure')[0]?.duration,
        undefined,
        { timeout: 30_000 },
      );
      const app = (await handle.jsonValue()) as number;
      const rows = await page.locator('.inbox-lists [data-item-id]').count();
      if (rows !== posted) throw new Error(`the inbox showed ${rows} rows, not ${posted}`);
      const baseline = await page.evaluate(() => {
        const list = document.querySelector('.inbox-lists')!;
        const html = list.outerHTML;
        const host = document.createElement('div');
        list.parentElement!.append(host);
        performance.mark('static-start');
        host.innerHTML = html;
        void (host as HTMLElement).offsetHeight;
        performance.mark('static-end');
        const duration = performance.measure('static', 'static-start', 'static-end').duration;
        host.remove();
        return duration;
      });
      if (load === 0) continue; // warm-up
      appMs.push(app);
      staticMs.push(baseline);
    }
    const ratios = appMs.map((ms, i) => ms / staticMs[i]!);
    const appMedian = median(appMs);
    const staticMedian = median(staticMs);
    const row = {
      measure: `inbox of ${posted} items (${threads} threads), first render + layout`,
      app: `${appMedian.toFixed(1)} ms`,
      static: `${staticMedian.toFixed(1)} ms`,
      ratio: `${(appMedian / staticMedian).toFixed(2)}×`,
      rounds: `${Math.min(...ratios).toFixed(2)}×–${Math.max(...ratios).toFixed(2)}×`,
      goal: `< ${budgetMs} ms`,
      result: appMedian < budgetMs ? 'PASS' : 'FAIL',
    };
    console.log(`inbox bench: ${loads} loads after one warm-up, seeded in ${seededS.toFixed(0)} s`);
    console.log(
      `machine: ${cpus().length} CPUs, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`app per load (ms): ${appMs.map((ms) => ms.toFixed(1)).join(' ')}`);
    console.log(`static per load (ms): ${staticMs.map((ms) => ms.toFixed(1)).join(' ')}`);
    console.table([row]);
    if (row.result === 'FAIL') process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
