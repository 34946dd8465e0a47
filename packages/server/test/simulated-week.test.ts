// A simulated week of a 12-person team in 6 zones across the US daylight-saving change (Sunday 14 March
// 2027), driven by the injected clock and the app's own scheduler, on both databases. Every release
// instant, ask due time and reminder is checked against a model computed here independently with
// Temporal, walking each person's local days (working hours, focus blocks, time off, batch times). Digests
// go to a real SMTP server started here: each person gets one per digest slot that follows something
// delivered to them, listing what was delivered since the previous one, as the model predicts.
import type { FastifyInstance } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestClock } from '../src/shared/clock.js';
import type { Scheduler } from '../src/platform/scheduler/scheduler.js';
import { buildTestApp } from './build-test-app.js';
import { describeEachDialect } from './dialects.js';
import { createSmtpMailer } from '../src/platform/mail/smtp-mailer.js';
import { createPerson, createWorkspace, defaultAgreementBody } from './factories.js';
import type { TestPerson } from './factories.js';
import { startSmtpSink } from './smtp-sink.js';
import type { ReceivedMail, SmtpSink } from './smtp-sink.js';

type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
const days: Day[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
type Week = Record<Day, string[]>;
const workdays = (hours: string[], extra: Partial<Week> = {}): Week => ({
  mon: hours,
  tue: hours,
  wed: hours,
  thu: hours,
  fri: hours,
  sat: [],
  sun: [],
  ...extra,
});
const hourMs = 3_600_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

interface Member {
  key: string;
  zone: string;
  week: Week;
  focus: Partial<Week>;
  batchTimes: string[];
  timeOff: string[];
}

const nine2five = workdays(['09:00-17:00']);
const members: Member[] = [
  { key: 'ber1', zone: 'Europe/Berlin', week: nine2five, focus: {}, batchTimes: [], timeOff: [] },
  // Batch times given out of order: the earlier one must still come first.
  {
    key: 'ber2',
    zone: 'Europe/Berlin',
    week: nine2five,
    focus: {},
    batchTimes: ['13:30', '09:30'],
    timeOff: [],
  },
  { key: 'la1', zone: 'America/Los_Angeles', week: nine2five, focus: {}, batchTimes: [], timeOff: [] },
  {
    key: 'la2',
    zone: 'America/Los_Angeles',
    week: nine2five,
    focus: { wed: ['13:00-16:00'] },
    batchTimes: ['10:00', '15:00'],
    timeOff: [],
  },
  {
    key: 'ny1',
    zone: 'America/New_York',
    // A Sunday window across the change: 01:00 EST to 05:00 EDT is three hours.
    week: workdays(['09:00-17:00'], { sun: ['01:00-05:00'] }),
    focus: { tue: ['09:00-11:00'], thu: ['09:00-11:00'] },
    batchTimes: [],
    timeOff: [],
  },
  {
    key: 'ny2',
    zone: 'America/New_York',
    week: nine2five,
    focus: {},
    batchTimes: [],
    timeOff: ['2027-03-12'],
  },
  {
    key: 'tok1',
    zone: 'Asia/Tokyo',
    week: workdays(['09:00-12:00', '13:00-18:00']),
    focus: {},
    batchTimes: [],
    timeOff: [],
  },
  { key: 'tok2', zone: 'Asia/Tokyo', week: nine2five, focus: {}, batchTimes: ['09:00'], timeOff: [] },
  { key: 'syd1', zone: 'Australia/Sydney', week: nine2five, focus: {}, batchTimes: [], timeOff: [] },
  {
    key: 'syd2',
    zone: 'Australia/Sydney',
    week: nine2five,
    focus: {},
    batchTimes: ['08:30', '16:00'],
    timeOff: [],
  },
  {
    key: 'kol1',
    zone: 'Asia/Kolkata',
    week: workdays(['10:00-18:30']),
    focus: {},
    batchTimes: [],
    timeOff: [],
  },
  {
    key: 'kol2',
    zone: 'Asia/Kolkata',
    week: nine2five,
    focus: {
      mon: ['14:00-15:00'],
      tue: ['14:00-15:00'],
      wed: ['14:00-15:00'],
      thu: ['14:00-15:00'],
      fri: ['14:00-15:00'],
    },
    batchTimes: [],
    timeOff: [],
  },
];
const byKey = new Map(members.map((m) => [m.key, m]));

/** Decodes a header's RFC 2047 encoded words (`=?UTF-8?Q?…?=` or `?B?`). */
function decodeWords(header: string): string {
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_all, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

// ---- The independent model: local days walked with Temporal. ----
const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};
const ranges = (list: string[] | undefined) =>
  (list ?? []).map((r) => {
    const [from, to] = r.split('-');
    return [minutes(from!), minutes(to!)] as [number, number];
  });
function localInstant(zone: string, date: Temporal.PlainDate, minute: number): number {
  const time = new Temporal.PlainTime(Math.floor(minute / 60), minute % 60);
  return date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds;
}
const localDate = (zone: string, t: number) =>
  Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).toPlainDate();
/** Subtracts `cut` from `base` (minutes of one day). */
function subtract(base: [number, number][], cut: [number, number][]): [number, number][] {
  let pieces = base;
  for (const [cs, ce] of cut) {
    pieces = pieces.flatMap(([s, e]): [number, number][] => {
      if (ce <= s || cs >= e) return [[s, e]];
      const out: [number, number][] = [];
      if (cs > s) out.push([s, cs]);
      if (ce < e) out.push([ce, e]);
      return out;
    });
  }
  return pieces;
}
/** A person's intervals of one local date as instants: slots (focus cut out) or present time (focus counts). */
function intervals(m: Member, date: Temporal.PlainDate, kind: 'slot' | 'present'): [number, number][] {
  if (m.timeOff.includes(date.toString())) return [];
  const day = days[date.dayOfWeek - 1]!;
  let local = ranges(m.week[day]);
  if (kind === 'slot') local = subtract(local, ranges(m.focus[day]));
  return local
    .sort((a, b) => a[0] - b[0])
    .map(([s, e]) => [localInstant(m.zone, date, s), localInstant(m.zone, date, e)]);
}
function* walk(m: Member, t: number, kind: 'slot' | 'present') {
  let date = localDate(m.zone, t).subtract({ days: 1 });
  for (let i = 0; i < 30; i++, date = date.add({ days: 1 })) yield* intervals(m, date, kind);
}
function nextSlotStart(m: Member, t: number): number {
  for (const [s, e] of walk(m, t, 'slot')) if (e > t) return Math.max(s, t);
  throw new Error(`no slot for ${m.key}`);
}
function expectedRelease(m: Member, t: number): number {
  if (m.batchTimes.length === 0) return nextSlotStart(m, t);
  const times = m.batchTimes.map(minutes).sort((a, b) => a - b);
  let date = localDate(m.zone, t);
  for (let i = 0; i < 3; i++, date = date.add({ days: 1 })) {
    for (const minute of times) {
      const at = localInstant(m.zone, date, minute);
      if (at >= t) return nextSlotStart(m, at);
    }
  }
  throw new Error('unreachable');
}
function expectedDue(m: Member, deliveredAt: number, hours: number): number {
  let remaining = hours * hourMs;
  for (const [s, e] of walk(m, deliveredAt, 'present')) {
    if (e <= deliveredAt) continue;
    const from = Math.max(s, deliveredAt);
    if (e - from >= remaining) return from + remaining;
    remaining -= e - from;
  }
  throw new Error('unreachable');
}
const windows = { today: 4, soon: 8, normal: 24 } as const;

/**
 * The workspace's digest times, local to each person. 02:30 does not exist in New York on 14 March
 * (02:00 EST jumps to 03:00 EDT): by the compatible rule it is 03:30 EDT, inside ny1's Sunday window.
 */
const digestTimes = ['02:30', '09:00', '16:30'];
/** Who turned digests off (`PUT /api/v1/me/digest`): they get none. */
const digestOptOuts = new Set(['syd2']);
/**
 * The digest slot that reports something delivered at `t`: the first slot strictly after `t`, where a slot
 * is a digest time on a local date, or the next start of work when that time is outside working hours
 * (focus blocks count as work; time off does not).
 */
function expectedDigestSlot(m: Member, t: number): number {
  let best = Infinity;
  let date = localDate(m.zone, t).subtract({ days: 1 });
  for (let i = 0; i < 10; i++, date = date.add({ days: 1 })) {
    for (const time of digestTimes) {
      const at = localInstant(m.zone, date, minutes(time));
      let slot = Infinity;
      for (const [s, e] of walk(m, at, 'present')) {
        if (e > at) {
          slot = Math.max(s, at);
          break;
        }
      }
      if (slot > t && slot < best) best = slot;
    }
  }
  return best;
}
type Level = keyof typeof windows;

interface Script {
  at: string;
  author: string;
  mentions: string[];
  asks: [string, Level][];
  /** Asked people who answer one minute after it reaches them (so: no reminder). */
  answeredBy?: string[];
}
const everyone = (except: string) => members.map((m) => m.key).filter((k) => k !== except);
const script: Script[] = [
  // Monday 09:00 in Berlin: to everyone.
  {
    at: '2027-03-08T08:00:00Z',
    author: 'ber1',
    mentions: everyone('ber1'),
    asks: [
      ['la1', 'today'],
      ['tok1', 'soon'],
      ['kol2', 'normal'],
    ],
    answeredBy: ['la1'],
  },
  {
    at: '2027-03-08T17:30:00Z',
    author: 'la1',
    mentions: ['ber2', 'syd2', 'tok2'],
    asks: [
      ['ny1', 'soon'],
      ['syd1', 'today'],
    ],
  },
  {
    at: '2027-03-09T02:00:00Z',
    author: 'tok1',
    mentions: [],
    asks: [
      ['ber1', 'normal'],
      ['ny2', 'normal'],
      ['kol1', 'today'],
    ],
  },
  { at: '2027-03-10T10:15:00Z', author: 'kol1', mentions: ['la2', 'tok2', 'ber2'], asks: [['syd2', 'soon']] },
  {
    at: '2027-03-10T22:00:00Z',
    author: 'syd1',
    mentions: ['kol2'],
    asks: [
      ['la2', 'normal'],
      ['ny1', 'today'],
    ],
  },
  {
    at: '2027-03-11T15:00:00Z',
    author: 'ny2',
    mentions: ['tok1', 'syd1'],
    asks: [
      ['ny1', 'normal'],
      ['la1', 'normal'],
    ],
    answeredBy: ['ny1'],
  },
  // Friday 17:00 in Berlin; ny2 is off on Friday.
  {
    at: '2027-03-12T16:00:00Z',
    author: 'ber2',
    mentions: ['tok2', 'syd2', 'kol1'],
    asks: [
      ['la1', 'normal'],
      ['ny2', 'soon'],
    ],
  },
  {
    at: '2027-03-13T20:00:00Z',
    author: 'ny1',
    mentions: everyone('ny1'),
    asks: [
      ['la2', 'today'],
      ['ber1', 'soon'],
    ],
  },
  // Sunday 01:30 EST in New York, inside ny1's Sunday window, half an hour before the clocks jump.
  { at: '2027-03-14T06:30:00Z', author: 'syd1', mentions: [], asks: [['ny1', 'today']] },
  // Sunday 04:00 EDT.
  { at: '2027-03-14T08:00:00Z', author: 'la2', mentions: ['ber1'], asks: [['ny1', 'soon']] },
  // Monday 16:45 PST, delivered to la1 at once: her digest job waits for Tuesday 09:00 PST (17:00Z)...
  { at: '2027-03-09T00:45:00Z', author: 'kol1', mentions: ['la1'], asks: [] },
  // ...and this one, after work, is held until that very instant: it belongs to the next digest.
  { at: '2027-03-09T01:30:00Z', author: 'kol1', mentions: ['la1'], asks: [] },
  {
    at: '2027-03-15T12:00:00Z',
    author: 'kol2',
    mentions: [],
    asks: [
      ['tok2', 'normal'],
      ['la1', 'soon'],
    ],
  },
];

interface Expected {
  post: number;
  person: string;
  kind: 'post' | 'reminder';
  releaseAt: number;
}
interface ExpectedAsk {
  post: number;
  person: string;
  dueAt: number;
  answeredAt: number | null;
}
function model() {
  const deliveries: Expected[] = [];
  const asks: ExpectedAsk[] = [];
  script.forEach((s, post) => {
    const sentAt = utc(s.at);
    const recipients = new Set([...s.mentions, ...s.asks.map(([k]) => k)]);
    recipients.delete(s.author);
    for (const key of recipients) {
      const m = byKey.get(key)!;
      const releaseAt = expectedRelease(m, sentAt);
      deliveries.push({ post, person: key, kind: 'post', releaseAt });
      const ask = s.asks.find(([k]) => k === key);
      if (!ask) continue;
      const dueAt = expectedDue(m, releaseAt, windows[ask[1]]);
      const answeredAt = s.answeredBy?.includes(key) ? releaseAt + 60_000 : null;
      asks.push({ post, person: key, dueAt, answeredAt });
      if (answeredAt === null) {
        deliveries.push({ post, person: key, kind: 'reminder', releaseAt: expectedRelease(m, dueAt) });
      }
    }
  });
  return { deliveries, asks, digests: digestModel(deliveries) };
}

interface ExpectedDigest {
  person: string;
  slotAt: number;
  /** What it lists: each delivery since the previous digest (all delivered before this slot). */
  items: Expected[];
}
/** One digest per person and slot following a delivery, listing the deliveries whose slot it is. */
function digestModel(deliveries: Expected[]): ExpectedDigest[] {
  const digests = new Map<string, ExpectedDigest>();
  for (const d of deliveries) {
    if (digestOptOuts.has(d.person)) continue;
    const slotAt = expectedDigestSlot(byKey.get(d.person)!, d.releaseAt);
    const key = `${d.person}@${slotAt}`;
    if (!digests.has(key)) digests.set(key, { person: d.person, slotAt, items: [] });
    digests.get(key)!.items.push(d);
  }
  return [...digests.values()];
}

describeEachDialect('a simulated week across the US daylight-saving change', (ctx) => {
  let app: FastifyInstance;
  let scheduler: Scheduler;
  const start = utc('2027-03-08T00:00:00Z');
  const clock = createTestClock({ start, isTicking: false });
  const people = new Map<string, TestPerson>();
  let channelId: string;
  let smtp: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;
  /** Each mail the SMTP server received, with the step of the clock during which it was sent. */
  const mails: { at: number; mail: ReceivedMail }[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    mailer = createSmtpMailer(smtp.url, 'Meanwhile <meanwhile@example.com>');
    ({ app } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      mail: { mailer, publicUrl: 'https://mw.example.com' },
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    const db = ctx.database().db;
    const workspaceId = await createWorkspace(db);
    const owner = await createPerson(db, workspaceId, 'owner');
    const channel = await call(owner, 'POST', '/api/v1/channels', { name: 'team', visibility: 'public' });
    expect(channel.statusCode, channel.body).toBe(201);
    channelId = channel.json<{ id: string }>().id;
    const current = await call(owner, 'GET', '/api/v1/agreement');
    const agreement = await app.inject({
      method: 'PUT',
      url: '/api/v1/agreement',
      headers: { ...owner.headers, 'if-match': current.headers.etag as string },
      payload: { agreement: { ...defaultAgreementBody(), digestTimes }, reason: 'digests three times a day' },
    });
    expect(agreement.statusCode, agreement.body).toBe(200);
    for (const m of members) {
      const p = await createPerson(db, workspaceId, 'member');
      const response = await call(p, 'PUT', '/api/v1/me/rhythm', {
        rhythm: { timeZone: m.zone, week: m.week },
        focus: m.focus,
        delivery:
          m.batchTimes.length > 0
            ? { mode: 'batched', batchTimes: m.batchTimes }
            : { mode: 'as-they-come', batchTimes: [] },
      });
      expect(response.statusCode, response.body).toBe(200);
      for (const date of m.timeOff) {
        const off = await call(p, 'POST', '/api/v1/me/time-off', { from: date, to: date });
        expect(off.statusCode, off.body).toBe(201);
      }
      if (digestOptOuts.has(m.key)) {
        const off = await call(p, 'PUT', '/api/v1/me/digest', { enabled: false });
        expect(off.statusCode, off.body).toBe(200);
      }
      people.set(m.key, p);
    }
  });
  afterAll(async () => {
    await app.close();
    mailer.close();
    await smtp.close();
  });

  function call(who: TestPerson, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) {
    return app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  }

  /** Checks the digests the week mailed (called at the end of the week, from the test that runs it). */
  async function checkDigests() {
    const { digests: expectedDigests } = model();
    const keyOf = new Map([...people].map(([k, p]) => [`${p.id}@example.com`, k]));
    const localOf = (key: string, t: number) => {
      const local = Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(byKey.get(key)!.zone);
      return `${local.toPlainDate().toString()} ${local.toPlainTime().toString().slice(0, 5)}`;
    };
    const describeItem = (title: string, kind: string, delivered: string) =>
      `${title} | ${kind} | ${delivered}`;
    expect(mails.length, 'no mail left the server outside a step').toBe(smtp.received.length);
    const actual = mails
      .map(({ at, mail }) => {
        const person = keyOf.get(mail.envelope.to[0]!) ?? mail.envelope.to.join(',');
        // The text lists each item as "* <thread title>" and indented details.
        const items: string[] = [];
        let item: { title: string; kind: string; delivered: string } | undefined;
        const flush = () => item && items.push(describeItem(item.title, item.kind, item.delivered));
        for (const line of mail.text.split(/\r?\n/)) {
          if (line.startsWith('* ')) {
            flush();
            item = { title: line.slice(2), kind: 'post', delivered: '?' };
          } else if (item && line.startsWith('  ')) {
            const delivered = /^ {2}delivered \S+ (\d{4}-\d\d-\d\d \d\d:\d\d)$/.exec(line);
            if (delivered) item.delivered = delivered[1]!;
            if (line === '  reminder: a reply is overdue') item.kind = 'reminder';
          }
        }
        flush();
        return {
          person,
          slot: iso(at),
          count: Number(/^(\d+) new in Acme/.exec(decodeWords(mail.header('Subject') ?? ''))?.[1]),
          items: items.sort(),
          unsubscribe: /^<https:\/\/mw\.example\.com\/unsubscribe\/[^>]+>$/.test(
            mail.header('List-Unsubscribe') ?? '',
          ),
        };
      })
      .sort((a, b) => a.person.localeCompare(b.person) || a.slot.localeCompare(b.slot));
    const wanted = expectedDigests
      .map((d) => ({
        person: d.person,
        slot: iso(d.slotAt),
        count: d.items.length,
        items: d.items
          .map((i) => describeItem(`Post ${i.post}`, i.kind, localOf(d.person, i.releaseAt)))
          .sort(),
        unsubscribe: true,
      }))
      .sort((a, b) => a.person.localeCompare(b.person) || a.slot.localeCompare(b.slot));
    expect(actual).toEqual(wanted);
    // The model is not trivial: most people get several, the opted-out person none, and one lands in
    // ny1's Sunday window at 02:30 local, which does not exist that night (03:30 EDT, 07:30Z).
    expect(wanted.length).toBeGreaterThan(members.length);
    expect(wanted.some((d) => digestOptOuts.has(d.person))).toBe(false);
    expect(wanted).toContainEqual(
      expect.objectContaining({ person: 'ny1', slot: '2027-03-14T07:30:00.000Z' }),
    );
    const sends = await ctx.database().db.selectFrom('digestSends').select(['state']).execute();
    expect(sends.map((r) => r.state)).toEqual(wanted.map(() => 'sent'));
  }

  it('releases every delivery, starts every ask clock, reminds once and mails each digest, as computed independently', async () => {
    const { deliveries: expected, asks: expectedAsks, digests: expectedDigests } = model();
    const db = ctx.database().db;
    const postIds: string[] = [];
    const keyOf = new Map([...people].map(([k, p]) => [p.id, k]));
    const answers = expectedAsks.filter((a) => a.answeredAt !== null);
    const last = Math.max(
      ...expected.map((d) => d.releaseAt),
      ...expectedAsks.map((a) => a.dueAt),
      ...expectedDigests.map((d) => d.slotAt),
    );
    // Steps: every hour, every sending, every expected instant and answer (a release runs at its step).
    const steps = new Set<number>();
    for (let t = start; t <= last + hourMs; t += hourMs) steps.add(t);
    for (const s of script) steps.add(utc(s.at));
    for (const d of expected) steps.add(d.releaseAt);
    for (const d of expectedDigests) steps.add(d.slotAt);
    for (const a of expectedAsks) {
      steps.add(a.dueAt);
      if (a.answeredAt !== null) steps.add(a.answeredAt);
    }
    const nothingEarly: string[] = [];
    for (const t of [...steps].sort((a, b) => a - b)) {
      clock.set(t);
      const mailed = smtp.received.length;
      await scheduler.runDue();
      // runDue waits for each digest's SMTP answer: what arrived now was sent at this step.
      for (const mail of smtp.received.slice(mailed)) mails.push({ at: t, mail });
      // Nothing is delivered before its release instant.
      const early = await db
        .selectFrom('deliveries')
        .select(['id', 'releaseAt', 'deliveredAt'])
        .where('deliveredAt', 'is not', null)
        .execute();
      for (const d of early) {
        if (d.releaseAt !== null && Number(d.deliveredAt) < Number(d.releaseAt)) nothingEarly.push(d.id);
      }
      for (const [index, s] of script.entries()) {
        if (utc(s.at) !== t) continue;
        const response = await call(people.get(s.author)!, 'POST', `/api/v1/channels/${channelId}/threads`, {
          title: `Post ${index}`,
          markdown: 'Hello',
          mentions: s.mentions.map((k) => people.get(k)!.id),
          asks: s.asks.map(([k, level]) => ({ personId: people.get(k)!.id, level })),
        });
        expect(response.statusCode, response.body).toBe(201);
        postIds[index] = response.json<{ post: { id: string } }>().post.id;
      }
      for (const a of answers) {
        if (a.answeredAt !== t) continue;
        const row = await db
          .selectFrom('asks')
          .select('id')
          .where('postId', '=', postIds[a.post]!)
          .where('personId', '=', people.get(a.person)!.id)
          .executeTakeFirstOrThrow();
        const answered = await call(people.get(a.person)!, 'POST', `/api/v1/asks/${row.id}/answer`);
        expect(answered.statusCode, answered.body).toBe(200);
      }
    }
    expect(nothingEarly).toEqual([]);

    const describeDelivery = (d: Expected) =>
      `${d.kind} of post ${d.post} to ${d.person} at ${iso(d.releaseAt)}`;
    const rows = await db
      .selectFrom('deliveries')
      .select(['postId', 'personId', 'kind', 'releaseAt', 'deliveredAt', 'state'])
      .where(
        'personId',
        'in',
        [...people.values()].map((p) => p.id),
      )
      .execute();
    const actual = rows
      .map((r) => ({
        post: postIds.indexOf(r.postId),
        person: keyOf.get(r.personId)!,
        kind: r.kind,
        released: r.releaseAt === null ? null : iso(Number(r.releaseAt)),
        delivered: r.deliveredAt === null ? null : iso(Number(r.deliveredAt)),
      }))
      .sort((a, b) => a.post - b.post || a.person.localeCompare(b.person) || a.kind.localeCompare(b.kind));
    const wanted = expected
      .map((d) => ({
        post: d.post,
        person: d.person,
        kind: d.kind,
        released: iso(d.releaseAt),
        delivered: iso(d.releaseAt),
      }))
      .sort((a, b) => a.post - b.post || a.person.localeCompare(b.person) || a.kind.localeCompare(b.kind));
    expect(actual, expected.map(describeDelivery).join('\n')).toEqual(wanted);

    const askRows = await db
      .selectFrom('asks')
      .select(['postId', 'personId', 'dueAt', 'state', 'remindedAt'])
      .execute();
    const actualAsks = askRows
      .map((a) => ({
        post: postIds.indexOf(a.postId),
        person: keyOf.get(a.personId)!,
        dueAt: a.dueAt === null ? null : iso(Number(a.dueAt)),
        state: a.state,
        reminded: a.remindedAt === null ? null : iso(Number(a.remindedAt)),
      }))
      .sort((a, b) => a.post - b.post || a.person.localeCompare(b.person));
    const wantedAsks = expectedAsks
      .map((a) => ({
        post: a.post,
        person: a.person,
        dueAt: iso(a.dueAt),
        state: a.answeredAt === null ? 'open' : 'answered',
        // The reminder job runs at the due time itself.
        reminded: a.answeredAt === null ? iso(a.dueAt) : null,
      }))
      .sort((a, b) => a.post - b.post || a.person.localeCompare(b.person));
    expect(actualAsks).toEqual(wantedAsks);

    // One more pass of the scheduler changes nothing: no second reminder, nothing left due.
    clock.set(last + 2 * hourMs);
    await scheduler.runDue();
    const reminders = await db.selectFrom('deliveries').select('id').where('kind', '=', 'reminder').execute();
    expect(reminders).toHaveLength(expectedAsks.filter((a) => a.answeredAt === null).length);

    // Digests: one per person and slot after a delivery, with what was delivered since the last one.
    await checkDigests();
  });

  it('spot-checks the model against hand-computed instants around the change', () => {
    const ny1 = byKey.get('ny1')!;
    // 01:30 EST on Sunday: 30 min to 02:00 EST, the clock jumps to 03:00 EDT, two more hours to 05:00 EDT
    // (09:00Z), then 1.5 h of Monday from 09:00 EDT (13:00Z): 14:30Z.
    expect(iso(expectedDue(ny1, utc('2027-03-14T06:30:00Z'), 4))).toBe('2027-03-15T14:30:00.000Z');
    // Saturday to Los Angeles: Monday 09:00 PDT is 16:00Z, not 17:00Z as the week before.
    expect(iso(expectedRelease(byKey.get('la1')!, utc('2027-03-13T20:00:00Z')))).toBe(
      '2027-03-15T16:00:00.000Z',
    );
    // Time off on Friday: ny2 is reached on Monday 09:00 EDT.
    expect(iso(expectedRelease(byKey.get('ny2')!, utc('2027-03-12T16:00:00Z')))).toBe(
      '2027-03-15T13:00:00.000Z',
    );
  });
});
