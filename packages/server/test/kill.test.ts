// The kill test of issue 3: a real server process takes a stream of post writes from several clients
// and is killed with SIGKILL at random moments, then restarted on the same data. Every write a client
// saw acknowledged must be there, intact (markdown, version, thread) and exactly once; every write that
// was cut off is retried with its Idempotency-Key after the restart and must also land exactly once;
// and the database must be sound (SQLite: PRAGMA integrity_check).
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { ExpectStatic } from 'vitest';
import { adminCreateOwner } from '../src/platform/admin.js';
import { loadConfig } from '../src/platform/config.js';
import { ServerProcess, call, readAll, runPostgres, sleep, withPostgresDatabase } from './kill-harness.js';
import type { Answer } from './kill-harness.js';

const password = 'correct horse battery staple';
const writerCount = 4;
// Between writes of one writer: keeps each person under the posting limit (120 a minute, bursts of 120).
const writePaceMs = 25;

/** A write as its client made it, and what the server acknowledged. */
interface Write {
  key: string;
  path: string;
  body: { markdown: string; title?: string };
  token: string;
  ack?: { postId: string; threadId: string; version: number; attempts: number; replayed: boolean };
  /** The write failed at least once (connection cut or refused) before it was acknowledged. */
  wasCut?: boolean;
}

interface Setup {
  channelId: string;
  tokens: string[];
  threadIds: string[];
  writes: Write[];
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

async function logIn(url: string, email: string) {
  const answer = await call(url, 'POST', '/api/v1/auth/login', { body: { email, password } });
  expectStatus(answer, 200, 'login');
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, 'x-csrf-token': answer.body.csrfToken as string };
}

async function createToken(url: string, session: Record<string, string>): Promise<string> {
  const body = { name: 'kill test', scope: 'read-write' };
  const answer = await call(url, 'POST', '/api/v1/tokens', { headers: session, body });
  expectStatus(answer, 201, 'token');
  return answer.body.token as string;
}

// The owner (made with the admin function, as `meanwhile admin create-owner` does) logs in, makes a
// channel and two threads, and invites the other writers; every writer gets an API token.
async function setUp(url: string, ownerEmail: string): Promise<Setup> {
  const owner = await logIn(url, ownerEmail);
  const channel = await call(url, 'POST', '/api/v1/channels', { headers: owner, body: { name: 'crash' } });
  expectStatus(channel, 201, 'channel');
  const tokens = [await createToken(url, owner)];
  for (let i = 1; i < writerCount; i++) {
    const invitation = await call(url, 'POST', '/api/v1/invitations', {
      headers: owner,
      body: { role: 'member' },
    });
    expectStatus(invitation, 201, 'invitation');
    const token = (invitation.body.linkPath as string).replace('/invite/', '');
    const email = `writer-${i}-${randomBytes(4).toString('hex')}@example.com`;
    const body = { token, email, displayName: `Writer ${i}`, password };
    expectStatus(await call(url, 'POST', '/api/v1/invitations/accept', { body }), 200, 'accept');
    tokens.push(await createToken(url, await logIn(url, email)));
  }
  return { channelId: channel.body.id as string, tokens, threadIds: [], writes: [] };
}

function markdownOf(key: string): string {
  // Unique per write, with structure and non-ASCII text, so that "intact" means byte for byte.
  return `**${key}** ${randomBytes(8).toString('hex')} — écrit, 書いた ✓\n\n> quoted\n\n- one\n- two\n`;
}

function nextWrite(setup: Setup, writer: number, n: number): Write {
  const key = `w${writer}-${n}`;
  const token = setup.tokens[writer]!;
  const markdown = markdownOf(key);
  if (setup.threadIds.length < 2 || randomInt(8) === 0) {
    const body = { title: `Thread ${key}`, markdown };
    return { key, token, body, path: `/api/v1/channels/${setup.channelId}/threads` };
  }
  const threadId = setup.threadIds[randomInt(setup.threadIds.length)]!;
  return { key, token, body: { markdown }, path: `/api/v1/threads/${threadId}/posts` };
}

class UnexpectedAnswer extends Error {}

// Sends a write until it is acknowledged, across kills: a cut or refused connection waits for the
// server to be back and sends the same request with the same Idempotency-Key again.
async function deliver(server: ServerProcess, setup: Setup, write: Write): Promise<void> {
  for (let attempts = 1; ; attempts++) {
    try {
      const answer = await call(server.url, 'POST', write.path, {
        headers: { ...bearer(write.token), 'idempotency-key': write.key },
        body: write.body,
      });
      if (answer.status === 201) {
        const post = answer.body.post ?? answer.body;
        if (answer.body.thread) setup.threadIds.push(answer.body.thread.id as string);
        const replayed = answer.headers.get('idempotent-replayed') === 'true';
        write.ack = { postId: post.id, threadId: post.threadId, version: post.version, attempts, replayed };
        return;
      }
      if (answer.status === 429) await sleep(1000 * Number(answer.headers.get('retry-after') ?? 1));
      else if (answer.status === 503)
        await sleep(50); // closing; the kill follows
      else throw new UnexpectedAnswer(`${write.key}: ${answer.status} ${JSON.stringify(answer.body)}`);
    } catch (error) {
      if (error instanceof UnexpectedAnswer) throw error;
      write.wasCut = true;
      await sleep(20);
      await server.whenUp();
    }
  }
}

async function runWriter(server: ServerProcess, setup: Setup, writer: number, isDone: () => boolean) {
  for (let n = 1; !isDone(); n++) {
    const write = nextWrite(setup, writer, n);
    setup.writes.push(write);
    await deliver(server, setup, write);
    await sleep(writePaceMs);
  }
}

interface Scenario {
  env: Record<string, string>;
  kills: number;
  /** The longest life of the server between two kills, in ms; each is random below it. */
  maxLifeMs: number;
  checkDatabase(expect: ExpectStatic, acknowledged: number): Promise<void>;
}

async function runScenario(expect: ExpectStatic, scenario: Scenario): Promise<void> {
  const ownerEmail = `owner-${randomBytes(4).toString('hex')}@example.com`;
  const config = loadConfig({ ...scenario.env, MEANWHILE_TEST_MODE: '1' });
  await adminCreateOwner(config, {
    email: ownerEmail,
    displayName: 'Owner',
    workspaceName: 'Crash',
    password,
  });
  const server = new ServerProcess({ ...scenario.env, MEANWHILE_TEST_MODE: '1' });
  try {
    await server.start();
    const setup = await setUp(server.url, ownerEmail);
    let isDone = false;
    const writers = setup.tokens.map((_t, i) => runWriter(server, setup, i, () => isDone));
    for (let kill = 0; kill < scenario.kills; kill++) {
      await sleep(300 + randomInt(scenario.maxLifeMs - 300));
      await server.stop('SIGKILL');
      await server.start();
    }
    isDone = true;
    await Promise.all(writers);
    // One more kill after the last acknowledgement: nothing may depend on a clean shutdown.
    await server.stop('SIGKILL');
    await server.start();
    await verify(expect, server.url, setup);
    await server.stop('SIGTERM');
    await scenario.checkDatabase(expect, setup.writes.length);
  } finally {
    await server.stop('SIGKILL');
  }
}

async function verify(expect: ExpectStatic, url: string, setup: Setup): Promise<void> {
  const headers = bearer(setup.tokens[0]!);
  const writes = setup.writes;
  expect(writes.every((w) => w.ack !== undefined)).toBe(true);
  expect(writes.filter((w) => w.wasCut).length, 'writes cut off by a kill and retried').toBeGreaterThan(0);
  const threads = await readAll<{ id: string }>(url, `/api/v1/channels/${setup.channelId}/threads`, headers);
  expect(threads.map((t) => t.id).sort()).toEqual([...new Set(setup.threadIds)].sort());
  expect(threads.length).toBe(setup.threadIds.length); // no thread started twice
  type Post = { id: string; threadId: string; markdown: string; version: number; deleted: boolean };
  const posts: Post[] = [];
  for (const thread of threads)
    posts.push(...(await readAll<Post>(url, `/api/v1/threads/${thread.id}/posts`, headers)));
  const byId = new Map(posts.map((p) => [p.id, p]));
  expect(byId.size).toBe(posts.length);
  expect(posts.length, 'every write exactly once').toBe(writes.length);
  for (const write of writes) {
    const post = byId.get(write.ack!.postId);
    expect(post, `${write.key} is there`).toBeDefined();
    expect(post).toMatchObject({ markdown: write.body.markdown, version: 1, deleted: false });
    expect(post!.threadId).toBe(write.ack!.threadId);
    expect(write.ack!.version).toBe(1);
  }
  for (const write of writes.filter((w) => w.wasCut).slice(0, 20)) {
    const versions = await call(url, 'GET', `/api/v1/posts/${write.ack!.postId}/versions`, { headers });
    expect(versions.body.items.map((v: { markdown: string }) => v.markdown)).toEqual([write.body.markdown]);
  }
  const cut = writes.filter((w) => w.wasCut);
  console.info(
    `kill test: ${writes.length} writes acknowledged, ${cut.length} cut off and retried ` +
      `(${cut.filter((w) => w.ack!.replayed).length} answered by replay), ${threads.length} threads`,
  );
}

async function countAndCheckSqlite(expect: ExpectStatic, file: string, acknowledged: number) {
  const db = new BetterSqlite3(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('select count(*) as n from posts').get()).toEqual({ n: acknowledged });
    const pending = db.prepare("select count(*) as n from idempotency_keys where state = 'pending'").get();
    expect(pending).toEqual({ n: 0 });
  } finally {
    db.close();
  }
}

// Both databases at once: most of the time is spent waiting for children to start.
describe.concurrent('a server killed with SIGKILL under a stream of writes', { timeout: 120_000 }, () => {
  it('keeps every acknowledged post, once and intact [sqlite]', async ({ expect }) => {
    const dir = await mkdtemp(join(tmpdir(), 'meanwhile-kill-'));
    try {
      await runScenario(expect, {
        env: { MEANWHILE_DATA_DIR: dir },
        kills: 5,
        maxLifeMs: 2000,
        checkDatabase: (e, n) => countAndCheckSqlite(e, join(dir, 'meanwhile.sqlite'), n),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(runPostgres)('keeps every acknowledged post, once and intact [postgres]', async ({ expect }) => {
    await withPostgresDatabase('meanwhile_kill', (url) =>
      runScenario(expect, {
        env: { DATABASE_URL: url, MEANWHILE_DATA_DIR: tmpdir() },
        kills: 2,
        maxLifeMs: 2000,
        checkDatabase: async (e, n) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            const posts = await client.query('select count(*)::int as n from posts');
            e(posts.rows[0]).toEqual({ n });
            const pending = await client.query(
              "select count(*)::int as n from idempotency_keys where state = 'pending'",
            );
            e(pending.rows[0]).toEqual({ n: 0 });
          } finally {
            await client.end();
          }
        },
      }),
    );
  });
});
