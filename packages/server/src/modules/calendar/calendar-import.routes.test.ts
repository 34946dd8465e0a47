// Importing busy times from a calendar URL, on both databases: a local server plays the person's other
// calendar (a weekly event in New York time with its own VTIMEZONE, a transparent one, a cancelled one);
// the busy times show in the rhythm view's API; internal URLs and redirects to them are refused (row 21).
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/build-test-app.js';
import { describeEachDialect } from '../../../test/dialects.js';
import { createTeam } from '../../../test/factories.js';
import type { TestPerson } from '../../../test/factories.js';
import { createSafeFetch, isPublicAddress } from '../../platform/net/safe-fetch.js';
import { createTestClock } from '../../shared/clock.js';

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Other//EN',
  'BEGIN:VTIMEZONE',
  'TZID:Eastern',
  'BEGIN:STANDARD',
  'DTSTART:19701101T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700308T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'UID:standup@other',
  'DTSTAMP:20270101T000000Z',
  'DTSTART;TZID=Eastern:20270308T100000',
  'DTEND;TZID=Eastern:20270308T103000',
  'RRULE:FREQ=WEEKLY;COUNT=3',
  'SUMMARY:Private standup title',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:free@other',
  'DTSTAMP:20270101T000000Z',
  'DTSTART:20270309T150000Z',
  'DTEND:20270309T160000Z',
  'TRANSP:TRANSPARENT',
  'SUMMARY:Free',
  'END:VEVENT',
  'BEGIN:VEVENT',
  'UID:gone@other',
  'DTSTAMP:20270101T000000Z',
  'DTSTART:20270310T150000Z',
  'DTEND:20270310T160000Z',
  'STATUS:CANCELLED',
  'SUMMARY:Gone',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describeEachDialect('importing busy times', (ctx) => {
  let app: FastifyInstance;
  let server: Server;
  let port = 0;
  let team: Awaited<ReturnType<typeof createTeam>>;
  const clock = createTestClock({ start: Date.parse('2027-03-05T12:00:00Z'), isTicking: false });
  const call = (who: TestPerson, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/redirect')) {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
      } else if (req.url === '/not-ics') res.end('<html>hello</html>');
      else res.end(ics);
    });
    port = await new Promise<number>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    const fetchText = createSafeFetch({
      resolve: async (host) => (host === 'cal.test' ? ['127.0.0.1'] : []),
      isAllowed: (address, p) => (address === '127.0.0.1' && p === port) || isPublicAddress(address),
    });
    ({ app } = await buildTestApp(ctx.database(), undefined, { testClock: clock, fetchText }));
    team = await createTeam(ctx.database().db);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => server.close(r));
  });

  it('reads busy times, recurrences expanded in the file’s own zone, skipping free and cancelled events', async () => {
    const response = await call(team.member, 'PUT', '/api/v1/me/busy-calendar', {
      url: `http://cal.test:${port}/me.ics`,
    });
    expect(response.statusCode, response.body).toBe(200);
    // 10:00 EST on 8 March is 15:00Z; the United States change to EDT on 14 March: 14:00Z after.
    expect(response.json().busy).toEqual([
      { start: '2027-03-08T15:00:00.000Z', end: '2027-03-08T15:30:00.000Z' },
      { start: '2027-03-15T14:00:00.000Z', end: '2027-03-15T14:30:00.000Z' },
      { start: '2027-03-22T14:00:00.000Z', end: '2027-03-22T14:30:00.000Z' },
    ]);
  });

  it('shows the busy times to others as intervals only, never the URL or titles', async () => {
    const url = `/api/v1/people/${team.member.id}/busy?from=2027-03-08T00:00:00Z&to=2027-03-16T00:00:00Z`;
    const response = await call(team.guest, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      personId: team.member.id,
      busy: [
        { start: '2027-03-08T15:00:00.000Z', end: '2027-03-08T15:30:00.000Z' },
        { start: '2027-03-15T14:00:00.000Z', end: '2027-03-15T14:30:00.000Z' },
      ],
    });
    expect(response.body).not.toContain('cal.test');
    expect(response.body).not.toContain('standup');
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'outgoing_url_refused'],
    ['http://127.0.0.1:1/x.ics', 'outgoing_url_refused'],
    ['file:///etc/passwd', 'outgoing_url_refused'],
    ['REDIRECT', 'outgoing_url_refused'],
    ['NOT-ICS', 'calendar_import_failed'],
  ])('refuses %s with %s and keeps what was imported', async (url, code) => {
    const target =
      url === 'REDIRECT'
        ? `http://cal.test:${port}/redirect`
        : url === 'NOT-ICS'
          ? `http://cal.test:${port}/not-ics`
          : url;
    const response = await call(team.member, 'PUT', '/api/v1/me/busy-calendar', { url: target });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code, errors: [{ path: 'body.url' }] });
    expect((await call(team.member, 'GET', '/api/v1/me/busy-calendar')).json().url).toBe(
      `http://cal.test:${port}/me.ics`,
    );
  });

  it('forgets the import', async () => {
    expect((await call(team.member, 'DELETE', '/api/v1/me/busy-calendar')).statusCode).toBe(204);
    expect((await call(team.member, 'GET', '/api/v1/me/busy-calendar')).json()).toEqual({
      url: null,
      fetchedAt: null,
      error: null,
      busy: [],
    });
  });
});
