// The SSE stream needs a real socket (inject() waits for a response to end), so these tests listen on
// an ephemeral port; everything else about the app is as in inject() tests.
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { systemClock } from '../../shared/clock.js';
import { createEventService } from '../../platform/scheduler/background.js';
import type { EventService } from './event.service.js';

interface ParsedEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** An open SSE connection and what it received. */
interface Stream {
  response: IncomingMessage;
  raw: () => string;
  events: () => ParsedEvent[];
  isEnded: () => boolean;
  close(): void;
}

const settle = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await settle(5);
  }
}

/**
 * Parses SSE as a browser does: blocks end at a blank line, `data:` lines are joined, and an unfinished
 * last block (a connection cut mid-event) is dropped.
 */
function parseEvents(raw: string): ParsedEvent[] {
  return raw
    .split(/\r\n\r\n|\n\n|\r\r/)
    .slice(0, -1)
    .map((block) => block.split(/\r\n|\n|\r/).filter((line) => line.startsWith('data:')))
    .filter((lines) => lines.length > 0)
    .map((lines) => JSON.parse(lines.map((l) => l.slice(5).trimStart()).join('\n')) as ParsedEvent);
}

describeEachDialect('the events stream', (ctx) => {
  let app: FastifyInstance;
  let base: string;
  let events: EventService;
  let workspaceId: string;
  let ana: TestPerson;
  let ben: TestPerson;
  let foreigner: TestPerson;
  const open: Stream[] = [];

  beforeAll(async () => {
    const database = ctx.database();
    ({ app } = await buildTestApp(database, undefined, {
      eventLimits: { maxStreamsPerPerson: 2 },
      eventStream: { heartbeatMs: 50, maxBufferedBytes: 64 * 1024, slowClientMs: 300 },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    events = createEventService(database, systemClock);
    workspaceId = await createWorkspace(database.db);
    ana = await createPerson(database.db, workspaceId);
    ben = await createPerson(database.db, workspaceId);
    foreigner = await createPerson(database.db, await createWorkspace(database.db, 'Other'));
    // The same person in a second workspace.
    await database.db
      .insertInto('memberships')
      .values({
        workspaceId: foreigner.workspaceId,
        personId: ana.id,
        role: 'member',
        createdAt: 0,
        deactivatedAt: null,
      })
      .execute();
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    await app?.close();
  });

  const publish = async (person: TestPerson, type: string, payload: Record<string, unknown>, ws?: string) =>
    ctx
      .database()
      .db.transaction()
      .execute((tx) =>
        events.publish(tx, { workspaceId: ws ?? person.workspaceId, personId: person.id, type, payload }),
      );

  function connect(person: TestPerson, query = '', headers: Record<string, string> = {}): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}/api/v1/events${query}`, { headers: { ...person.headers, ...headers } });
      req.on('error', reject);
      req.on('response', (response) => {
        let raw = '';
        let isEnded = false;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (raw += chunk));
        response.on('close', () => (isEnded = true));
        response.on('error', () => (isEnded = true));
        const stream: Stream = {
          response,
          raw: () => raw,
          events: () => parseEvents(raw),
          isEnded: () => isEnded,
          close: () => req.destroy(),
        };
        open.push(stream);
        resolve(stream);
      });
      req.end();
    });
  }

  const replay = (person: TestPerson, lastEventId: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/events?follow=false&lastEventId=${encodeURIComponent(lastEventId)}`,
      headers: person.headers,
    });

  it('streams new events live and replays what was missed after Last-Event-ID', async () => {
    const live = await connect(ana);
    expect(live.response.statusCode).toBe(200);
    expect(live.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await settle(30);
    await publish(ana, 'test.one', { n: 1 });
    await publish(ana, 'test.two', { n: 2 });
    await waitFor(() => live.events().length === 2);
    const seen = live.events();
    expect(seen.map((e) => [e.type, e.payload])).toEqual([
      ['test.one', { n: 1 }],
      ['test.two', { n: 2 }],
    ]);
    expect(BigInt(seen[1]!.id) > BigInt(seen[0]!.id)).toBe(true);
    expect(live.raw()).toContain(`id: ${seen[1]!.id}\n`);
    live.close();
    await publish(ana, 'test.three', { n: 3 });
    const resumed = await connect(ana, '', { 'last-event-id': seen[0]!.id });
    await waitFor(() => resumed.events().length === 2);
    expect(resumed.events().map((e) => e.payload.n)).toEqual([2, 3]);
    await publish(ana, 'test.four', { n: 4 });
    await waitFor(() => resumed.events().length === 3);
    resumed.close();
    const once = await replay(ana, seen[0]!.id);
    expect(once.statusCode).toBe(200);
    expect(parseEvents(once.body).map((e) => e.payload.n)).toEqual([2, 3, 4]);
  });

  it('wakes the stream of every recipient of one transaction, signalled together', async () => {
    const db = ctx.database().db;
    const [cid, dan] = [await createPerson(db, workspaceId), await createPerson(db, workspaceId)];
    const [cidLive, danLive] = [await connect(cid), await connect(dan)];
    await settle(30);
    await db.transaction().execute((tx) =>
      events.publish(tx, [
        { workspaceId, personId: dan.id, type: 'test.batch', payload: { to: 'dan' } },
        { workspaceId, personId: cid.id, type: 'test.batch', payload: { to: 'cid' } },
      ]),
    );
    await waitFor(() => cidLive.events().length === 1 && danLive.events().length === 1);
    expect(cidLive.events()[0]!.payload).toEqual({ to: 'cid' });
    expect(danLive.events()[0]!.payload).toEqual({ to: 'dan' });
    cidLive.close();
    danLive.close();
  });

  it("never shows a person another person's or another workspace's events", async () => {
    await publish(ben, 'test.secret', { secret: 'bens' });
    await publish(ana, 'test.secret', { secret: 'anas elsewhere' }, foreigner.workspaceId);
    await publish(ana, 'test.mine', { mine: true });
    const all = parseEvents((await replay(ana, '0')).body);
    expect(all.length).toBeGreaterThan(0);
    expect(JSON.stringify(all)).not.toContain('bens');
    expect(JSON.stringify(all)).not.toContain('anas elsewhere');
    const bens = parseEvents((await replay(ben, '0')).body);
    expect(bens.map((e) => e.payload)).toEqual([{ secret: 'bens' }]);
    // Ben's event id as Ana's Last-Event-ID replays only Ana's later events.
    const after = parseEvents((await replay(ana, bens[0]!.id)).body);
    expect(after.map((e) => e.payload)).toEqual([{ mine: true }]);
  });

  it('answers a malformed Last-Event-ID with 400, and one from the future with nothing extra', async () => {
    for (const bad of ['1e30', '-1', 'abc', '1.5', '9'.repeat(31)]) {
      const answer = await replay(ana, bad);
      expect(answer.statusCode, bad).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
    }
    const header = await app.inject({
      method: 'GET',
      url: '/api/v1/events?follow=false',
      headers: { ...ana.headers, 'last-event-id': '1e30' },
    });
    expect(header.json()).toMatchObject({ status: 400, errors: [{ path: 'headers.last-event-id' }] });
    expect(parseEvents((await replay(ana, '9'.repeat(30))).body)).toEqual([]);
    // A future id does not hide what comes later.
    const live = await connect(ana, '', { 'last-event-id': '999999999999999' });
    await settle(30);
    await publish(ana, 'test.after-future', { ok: 1 });
    await waitFor(() => live.events().length === 1);
    live.close();
  });

  it('keeps each event one event whatever its payload holds (no splitting on CR, LF or "data:")', async () => {
    const live = await connect(ben);
    await settle(30);
    const tricky = {
      text: 'a\n\ndata: {"type":"forged"}\n\nid: 999999\n\n',
      cr: 'bare\rcarriage\r\rreturn',
      crlf: 'x\r\n\r\ndata: y',
      separators: '\u2028\u2029\u0085',
    };
    await publish(ben, 'test.tricky', tricky);
    await publish(ben, 'test.after', { ok: true });
    await waitFor(() => live.events().length === 2);
    expect(live.events().map((e) => [e.type, e.payload])).toEqual([
      ['test.tricky', tricky],
      ['test.after', { ok: true }],
    ]);
    expect(
      live
        .raw()
        .split(/\r\n|\r|\n/)
        .filter((l) => l.startsWith('data:')).length,
    ).toBe(2);
    live.close();
  });

  it('sends heartbeats, and caps the streams one person may hold open', async () => {
    const first = await connect(ben);
    const second = await connect(ben);
    const third = await app.inject({ method: 'GET', url: '/api/v1/events', headers: ben.headers });
    expect(third.statusCode).toBe(429);
    expect(third.json()).toMatchObject({ code: 'rate_limited' });
    await waitFor(() => first.raw().includes(': keep-alive\n\n'));
    first.close();
    second.close();
    await waitFor(() => first.isEnded() && second.isEnded());
    await settle(30);
    const fourth = await connect(ben);
    expect(fourth.response.statusCode).toBe(200);
    fourth.close();
  });

  it('disconnects a client that does not read instead of buffering for it; it resumes without loss', async () => {
    const person = await createPerson(ctx.database().db, workspaceId);
    const slow = await connect(person);
    slow.response.pause();
    await settle(30);
    const big = 'x'.repeat(60 * 1024);
    for (let i = 0; i < 4; i++) {
      await ctx
        .database()
        .db.transaction()
        .execute((tx) =>
          events.publish(
            tx,
            Array.from({ length: 100 }, (_, j) => ({
              workspaceId,
              personId: person.id,
              type: 'test.big',
              payload: { n: i * 100 + j, big },
            })),
          ),
        );
    }
    // Unread, the server gives up on it; then read what reached the socket.
    await settle(600);
    slow.response.resume();
    await waitFor(() => slow.isEnded());
    const received = slow.events();
    expect(received.length).toBeLessThan(400);
    const rest = parseEvents((await replay(person, received.at(-1)?.id ?? '0')).body);
    expect([...received, ...rest].map((e) => e.payload.n)).toEqual(Array.from({ length: 400 }, (_, n) => n));
  });
});
