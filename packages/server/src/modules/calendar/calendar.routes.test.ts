// Calendar feeds on both databases: the feed parsed back by an independent iCalendar parser (ical.js, not the
// generator) yields the same events at the same instants, across Berlin's change to summer time on
// 2027-03-28, with BAD_INPUT row 23 strings in titles; stable UIDs; the token rotated (old URL 404), refused
// on another workspace, and never in a log line (row 24); due asks and decision closes (issue 7) only of
// what the owner may see.
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createPerson, createTeam, defaultAgreementBody } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createTestClock } from '../../shared/clock.js';
import type { Scheduler } from '../../platform/scheduler/scheduler.js';
import { eventUid } from './calendar.feed.js';

const utc = (iso: string) => Date.parse(iso);
const workdays = (hours: string[]) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });

/** BAD_INPUT row 23: line breaks, bare CR, separators, backslash, a fake END:VEVENT, a long line, emoji at a fold. */
const nastyTitle =
  'Plan, review; ship\\ \r\nEND:VEVENT\rBEGIN:VEVENT ' + 'x'.repeat(60) + '😀'.repeat(20) + ' ünïcode';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: number | string;
  end: number | string;
  category: string;
}

/** Every VEVENT, with instants computed by ical.js from the feed's own VTIMEZONE. */
function parseFeed(text: string): ParsedEvent[] {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const zones = new Map<string, ICAL.Timezone>();
  for (const tz of root.getAllSubcomponents('vtimezone'))
    zones.set(String(tz.getFirstPropertyValue('tzid')), new ICAL.Timezone(tz));
  const instant = (prop: ICAL.Property | null) => {
    const time = prop!.getFirstValue() as ICAL.Time;
    if (time.isDate) return time.toString();
    const tzid = prop!.getParameter('tzid');
    if (typeof tzid === 'string') {
      expect(zones.has(tzid), `VTIMEZONE ${tzid}`).toBe(true);
      const copy = time.clone();
      copy.zone = zones.get(tzid)!;
      return copy.toUnixTime() * 1000;
    }
    return time.toUnixTime() * 1000;
  };
  return root.getAllSubcomponents('vevent').map((e) => ({
    uid: String(e.getFirstPropertyValue('uid')),
    summary: String(e.getFirstPropertyValue('summary')),
    start: instant(e.getFirstProperty('dtstart')),
    end: instant(e.getFirstProperty('dtend')),
    category: String(e.getFirstPropertyValue('categories')),
  }));
}

describeEachDialect('calendar feeds', (ctx) => {
  let app: FastifyInstance;
  let logLines: string[];
  const clock = createTestClock({ start: utc('2027-03-22T06:00:00Z'), isTicking: false });
  let team: Awaited<ReturnType<typeof createTeam>>;
  let ana: TestPerson;
  let path: string;
  let firstUids: string[];
  let scheduler: Scheduler;
  // What Ana's feed should show of asks and decisions (issue 7), and what it must not.
  const due: { askId: string; decisionId: string; hidden: string[] } = {
    askId: '',
    decisionId: '',
    hidden: [],
  };

  const call = (who: TestPerson, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app, logLines } = await buildTestApp(ctx.database(), undefined, {
      testClock: clock,
      onBackground: (b) => (scheduler = b.scheduler as Scheduler),
    }));
    team = await createTeam(ctx.database().db);
    ana = await createPerson(ctx.database().db, team.workspaceId, 'member');
    const rhythm = await call(ana, 'PUT', '/api/v1/me/rhythm', {
      rhythm: { timeZone: 'Europe/Berlin', week: workdays(['09:00-17:00']) },
      focus: { mon: ['09:00-11:00'] },
      delivery: { mode: 'as-they-come', batchTimes: [] },
    });
    expect(rhythm.statusCode, rhythm.body).toBe(200);
    expect(
      (await call(ana, 'POST', '/api/v1/me/time-off', { from: '2027-03-31', to: '2027-04-01' })).statusCode,
    ).toBe(201);
    const agreement = await call(team.admin, 'PUT', '/api/v1/agreement', {
      agreement: {
        ...defaultAgreementBody(),
        syncWindows: [{ timeZone: 'Europe/Berlin', day: 'tue', hours: '15:00-16:00' }],
      },
      reason: 'Tuesday sync',
    });
    expect(agreement.statusCode, agreement.body).toBe(200);
    const channel = await call(team.admin, 'POST', '/api/v1/channels', { name: 'cal', visibility: 'public' });
    const thread = await call(team.admin, 'POST', `/api/v1/channels/${channel.json().id}/threads`, {
      title: 'Agenda',
      markdown: 'Topics',
    });
    const meeting = await call(team.admin, 'POST', '/api/v1/meetings', {
      title: nastyTitle,
      agendaThreadId: thread.json().thread?.id ?? thread.json().threadId,
      invitees: [ana.id],
      startsAt: '2027-03-30T13:00:00Z', // Tue 15:00 CEST: inside the window, after the change to summer time
      durationMinutes: 60,
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    await addAsksAndDecisions(channel.json().id);
  });

  /**
   * An ask to Ana and a decision she is required in (both in her feed), an ask to someone else, a decision
   * she takes no part in, and one in a private channel she has since left (none of them in it).
   */
  async function addAsksAndDecisions(channelId: string) {
    const ok = async (who: TestPerson, url: string, payload: object) => {
      const response = await call(who, 'POST', url, payload);
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const started = await ok(team.admin, `/api/v1/channels/${channelId}/threads`, {
      title: 'Budget review',
      markdown: 'Numbers attached.',
      asks: [
        { personId: ana.id, level: 'today' },
        { personId: team.member.id, level: 'today' },
      ],
    });
    const threadId: string = started.thread.id;
    const decide = (requiredIds: string[], question: string, inThread = threadId) =>
      ok(team.admin, `/api/v1/threads/${inThread}/decisions`, { question, mode: 'consent', requiredIds });
    due.decisionId = (await decide([ana.id], 'Ship the beta?')).id;
    due.hidden.push((await decide([team.member.id], 'Not for Ana?')).id);
    const secret = await ok(team.admin, '/api/v1/channels', { name: 'secret', visibility: 'private' });
    expect(
      (await call(team.admin, 'PUT', `/api/v1/channels/${secret.id}/members/${ana.id}`)).statusCode,
    ).toBe(204);
    const hiddenThread = await ok(team.admin, `/api/v1/channels/${secret.id}/threads`, {
      title: 'Secret plans',
      markdown: 'Shh.',
    });
    due.hidden.push((await decide([ana.id], 'Secret question?', hiddenThread.thread.id)).id);
    expect(
      (await call(team.admin, 'DELETE', `/api/v1/channels/${secret.id}/members/${ana.id}`)).statusCode,
    ).toBe(204);
    // Ana's delivery waits for the end of her Monday focus (11:00 CET, 10:00Z); her due time starts then.
    clock.set(utc('2027-03-22T10:00:00Z'));
    await scheduler.runDue();
    clock.set(utc('2027-03-22T06:00:00Z'));
    const asks = await ctx.database().db.selectFrom('asks').select(['id', 'personId']).execute();
    due.askId = asks.find((a) => a.personId === ana.id)!.id;
    due.hidden.push(asks.find((a) => a.personId === team.member.id)!.id);
  }
  afterAll(() => app.close());

  describe('the feed', () => {
    it('is made on request and shown only once', async () => {
      expect((await call(ana, 'GET', '/api/v1/me/calendar-feed')).json()).toEqual({
        exists: false,
        createdAt: null,
        path: null,
      });
      const made = await call(ana, 'POST', '/api/v1/me/calendar-feed');
      expect(made.statusCode, made.body).toBe(200);
      path = made.json().path;
      expect(path).toMatch(new RegExp(`^/calendar/${team.workspaceId}/[A-Za-z0-9_-]{43}\\.ics$`));
      expect((await call(ana, 'GET', '/api/v1/me/calendar-feed')).json()).toMatchObject({
        exists: true,
        path: null,
      });
      const stored = await ctx.database().db.selectFrom('calendarFeeds').select('tokenHash').execute();
      const token = path.split('/').at(-1)!.replace('.ics', '');
      expect(stored.map((s) => s.tokenHash)).not.toContain(token);
      expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('parses back to the same events at the same instants, with VTIMEZONE and escaped titles', async () => {
      const response = await app.inject({ method: 'GET', url: path });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['cache-control']).toBe('private, no-store');
      // RFC 5545: CRLF line ends, no line over 75 octets, and the fake END:VEVENT escaped inside a value.
      const lines = response.body.split('\r\n');
      expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
      expect(lines.filter((l) => l === 'END:VEVENT').length).toBe(
        lines.filter((l) => l === 'BEGIN:VEVENT').length,
      );
      expect(response.body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
      const events = parseFeed(response.body);
      const meeting = events.filter((e) => e.category === 'meeting');
      expect(meeting).toEqual([
        expect.objectContaining({
          summary: nastyTitle.replace(/\r\n|\r/g, '\n'),
          start: utc('2027-03-30T13:00:00Z'),
          end: utc('2027-03-30T14:00:00Z'),
        }),
      ]);
      const pairs = (category: string) =>
        events.filter((e) => e.category === category).map((e) => [e.start, e.end]);
      // The feed runs from 14 days back to 56 ahead: Tuesdays 15:00–16:00 Berlin, CET then CEST.
      expect(pairs('sync-window')).toContainEqual([utc('2027-03-23T14:00:00Z'), utc('2027-03-23T15:00:00Z')]);
      expect(pairs('sync-window')).toContainEqual([utc('2027-03-30T13:00:00Z'), utc('2027-03-30T14:00:00Z')]);
      expect(pairs('sync-window')).toHaveLength(10);
      expect(pairs('focus')).toContainEqual([utc('2027-03-22T08:00:00Z'), utc('2027-03-22T10:00:00Z')]);
      expect(pairs('focus')).toContainEqual([utc('2027-03-29T07:00:00Z'), utc('2027-03-29T09:00:00Z')]);
      expect(pairs('time-off')).toEqual([['2027-03-31', '2027-04-02']]);
      // Issue 7: her open ask, due after 4 working hours from its delivery at 10:00Z; the decision she is
      // required in, closing after her 16 working hours (Monday 08:00–16:00Z, Tuesday 08:00–16:00Z).
      const ownerKey = `${team.workspaceId}:${ana.id}`;
      expect(events.filter((e) => e.category === 'ask-due')).toEqual([
        {
          uid: eventUid(ownerKey, `ask-due:${due.askId}`),
          summary: 'Reply due: Budget review',
          start: utc('2027-03-22T14:00:00Z'),
          end: utc('2027-03-22T14:15:00Z'),
          category: 'ask-due',
        },
      ]);
      expect(events.filter((e) => e.category === 'decision-close')).toEqual([
        {
          uid: eventUid(ownerKey, `decision-close:${due.decisionId}`),
          summary: 'Decision closes: Ship the beta?',
          start: utc('2027-03-23T16:00:00Z'),
          end: utc('2027-03-23T16:15:00Z'),
          category: 'decision-close',
        },
      ]);
      const hiddenUids = due.hidden.flatMap((id) =>
        ['ask-due', 'decision-close'].map((kind) => eventUid(ownerKey, `${kind}:${id}`)),
      );
      expect(events.filter((e) => hiddenUids.includes(e.uid))).toEqual([]);
      expect(response.body).not.toContain('Secret');
      firstUids = events.map((e) => e.uid).sort();
      expect(new Set(firstUids).size).toBe(firstUids.length);
    });

    it('keeps every UID from one fetch to the next', async () => {
      clock.advance(60_000);
      const again = parseFeed((await app.inject({ method: 'GET', url: path })).body);
      expect(again.map((e) => e.uid).sort()).toEqual(firstUids);
    });
  });

  describe('the token', () => {
    it('is refused on another workspace, and refused after rotation', async () => {
      const [, , workspaceId, file] = path.split('/');
      const other = await createTeam(ctx.database().db);
      expect(
        (await app.inject({ method: 'GET', url: `/calendar/${other.workspaceId}/${file}` })).statusCode,
      ).toBe(404);
      const rotated = (await call(ana, 'POST', '/api/v1/me/calendar-feed')).json().path;
      expect(rotated).not.toBe(path);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: rotated })).statusCode).toBe(200);
      expect(workspaceId).toBe(team.workspaceId);
      path = rotated;
    });

    it('never appears in a log line', async () => {
      const wrong = `/calendar/${team.workspaceId}/${'A'.repeat(43)}.ics`;
      expect((await app.inject({ method: 'GET', url: wrong })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `${path}?x=1` })).statusCode).toBe(200);
      const token = path.split('/').at(-1)!.replace('.ics', '');
      expect(logLines.some((line) => line.includes('/calendar/[redacted]'))).toBe(true);
      expect(logLines.filter((line) => line.includes(token))).toEqual([]);
      expect(logLines.filter((line) => line.includes('A'.repeat(43)))).toEqual([]);
    });

    it('stops working when deleted', async () => {
      expect((await call(ana, 'DELETE', '/api/v1/me/calendar-feed')).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    });
  });
});
