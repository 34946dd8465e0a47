// BAD_INPUT row 21 for the calendar import's fetcher: every spelling of an internal address refused before
// any connection, on the first hop and on every redirect, a host name that resolves to loopback refused,
// credentials and other schemes refused, and the size and time limits kept. A local HTTP server plays the
// outside world: the test policy lets the fetcher reach it on its one port and nothing else, so a redirect
// to any other address (the "internal" target server records every hit) must be refused.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutgoingFetchError } from '../../shared/outgoing-fetch.js';
import { createSafeFetch, isPublicAddress } from './safe-fetch.js';

let outside: Server;
let internal: Server;
let outsidePort = 0;
let internalPort = 0;
const internalHits: string[] = [];
const hostHeaders: string[] = [];

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  internal = createServer((req, res) => {
    internalHits.push(req.url ?? '');
    res.end('secret');
  });
  outside = createServer((req, res) => {
    hostHeaders.push(req.headers.host ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to')! });
      res.end();
    } else if (url.pathname === '/big') {
      res.write('x'.repeat(600_000));
      res.end('x'.repeat(600_000));
    } else if (url.pathname === '/slow') {
      // Never answers; the fetcher's time limit ends it.
    } else res.end('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
  });
  [outsidePort, internalPort] = await Promise.all([listen(outside), listen(internal)]);
});
afterAll(async () => {
  outside.closeAllConnections();
  await Promise.all([new Promise((r) => outside.close(r)), new Promise((r) => internal.close(r))]);
});

/** The real policy, except that the outside server's one address and port count as public. */
const testFetch = (options: Parameters<typeof createSafeFetch>[0] = {}) =>
  createSafeFetch({
    isAllowed: (address, port) =>
      (address === '127.0.0.1' && port === outsidePort) || isPublicAddress(address),
    resolve: async (host) => {
      if (host === 'calendar.test') return ['127.0.0.1'];
      if (host === 'mixed.test') return ['8.8.8.8', '10.0.0.1'];
      throw new Error('no such host');
    },
    maxBytes: 1_000_000,
    timeoutMs: 2_000,
    ...options,
  });

async function refusal(fetchText: (url: string) => Promise<string>, url: string): Promise<string> {
  try {
    await fetchText(url);
  } catch (error) {
    expect(error).toBeInstanceOf(OutgoingFetchError);
    return (error as OutgoingFetchError).code;
  }
  throw new Error(`${url} was fetched`);
}

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'fe80::1',
    'fc00::1',
    'fd12::1',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
    '224.0.0.1',
    '255.255.255.255',
    'not an address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111'])('allows %s', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('the fetcher', () => {
  it('fetches from an allowed address, connecting to the address it checked (no second lookup)', async () => {
    const text = await testFetch()(`http://calendar.test:${outsidePort}/feed.ics`);
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(hostHeaders.at(-1)).toBe(`calendar.test:${outsidePort}`);
  });

  const internalSpellings = (port: number) => [
    `http://127.0.0.1:${port}/`,
    `http://127.1:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://2130706433:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://[::]:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    'http://169.254.169.254/latest/meta-data/',
    `http://localhost.:${port}/`,
    `http://localhost:${port}/`,
  ];

  it.each(internalSpellings(0).map((_, i) => i))(
    'refuses internal spelling #%i on the first hop',
    async (i) => {
      const url = internalSpellings(internalPort)[i]!;
      expect(await refusal(createSafeFetch({ timeoutMs: 2_000 }), url)).toBe('outgoing_url_refused');
      expect(internalHits).toEqual([]);
    },
  );

  it.each(internalSpellings(0).map((_, i) => i))('refuses a redirect to internal spelling #%i', async (i) => {
    const target = internalSpellings(internalPort)[i]!;
    const url = `http://calendar.test:${outsidePort}/redirect?to=${encodeURIComponent(target)}`;
    expect(await refusal(testFetch(), url)).toBe('outgoing_url_refused');
    expect(internalHits).toEqual([]);
  });

  it.each([
    'file:///etc/passwd',
    'gopher://127.0.0.1:70/_x',
    'ftp://example.com/x.ics',
    'http://user:pw@calendar.test/x.ics',
    'http://user@calendar.test/x.ics',
    'not a url',
  ])('refuses %s, and redirects to it', async (target) => {
    expect(await refusal(testFetch(), target)).toBe('outgoing_url_refused');
    const url = `http://calendar.test:${outsidePort}/redirect?to=${encodeURIComponent(target)}`;
    if (target !== 'not a url') expect(await refusal(testFetch(), url)).toBe('outgoing_url_refused');
  });

  it('refuses a host name resolving to loopback, and one with any internal address among its answers', async () => {
    const strict = createSafeFetch({ resolve: async () => ['127.0.0.1'], timeoutMs: 2_000 });
    expect(await refusal(strict, `http://evil.example:${internalPort}/`)).toBe('outgoing_url_refused');
    expect(await refusal(testFetch(), `http://mixed.test:${outsidePort}/`)).toBe('outgoing_url_refused');
    expect(internalHits).toEqual([]);
  });

  it('stops at the size limit and the time limit', async () => {
    expect(await refusal(testFetch(), `http://calendar.test:${outsidePort}/big`)).toBe(
      'calendar_import_failed',
    );
    expect(await refusal(testFetch({ timeoutMs: 300 }), `http://calendar.test:${outsidePort}/slow`)).toBe(
      'calendar_import_failed',
    );
  });

  it('stops after too many redirects', async () => {
    let url = `http://calendar.test:${outsidePort}/feed.ics`;
    for (let i = 0; i < 7; i++)
      url = `http://calendar.test:${outsidePort}/redirect?to=${encodeURIComponent(url)}`;
    expect(await refusal(testFetch(), url)).toBe('calendar_import_failed');
  });
});
