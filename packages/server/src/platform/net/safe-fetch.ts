// Fetching a URL that a user gave, without letting it reach the server's own network (BAD_INPUT row 21,
// GitLab #53242 and #63959): only http and https, no credentials in the URL, every address the host
// resolves to checked and the connection made to exactly the checked address (so a DNS answer that changes
// between check and connect, "DNS rebinding", cannot slip through), the same on every redirect hop, and a
// size and a time limit.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import { OutgoingFetchError } from '../../shared/outgoing-fetch.js';
import type { FetchText } from '../../shared/outgoing-fetch.js';

/** Options of {@link createSafeFetch}. */
export interface SafeFetchOptions {
  /** Largest body read, in bytes (default 1 MiB). */
  maxBytes?: number;
  /** Time limit of the whole fetch, redirects included, in ms (default 10 s). */
  timeoutMs?: number;
  /** Most redirects followed (default 5). */
  maxRedirects?: number;
  /** Resolves a host name to addresses (default: the system resolver, every address). */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Whether an address and port may be connected to (default: public addresses only, any port). */
  isAllowed?: (address: string, port: number) => boolean;
}

// Special-purpose ranges (IANA registries): none of them may be reached from a user's URL. Two lists: a
// BlockList holding `::ffff:0:0/96` counts every IPv4 address as inside it.
const blockedV4 = new BlockList();
const blockedV6 = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blockedV4.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: would reach the IPv4 address it embeds
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: embeds an IPv4 address
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blockedV6.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is a public unicast address (not private, loopback, link-local, unspecified…). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blockedV4.check(address, 'ipv4') : !blockedV6.check(address, 'ipv6');
}

const refuse = (message: string) => new OutgoingFetchError('refused', message);
const fail = (message: string) => new OutgoingFetchError('failed', message);

/** The URL, parsed, if its form may be fetched at all. */
function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('is not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw refuse('only http and https URLs are fetched');
  if (url.username !== '' || url.password !== '')
    throw refuse('a URL with credentials (user@host) is not fetched');
  if (url.hostname === '') throw refuse('the URL has no host');
  return url;
}

const portOf = (url: URL) => (url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port));

/**
 * A fetcher for user-given URLs (see the file comment). Each hop resolves the host itself, refuses it
 * unless every address is allowed, and connects to the first address through a `lookup` that returns
 * only that address.
 *
 * @example
 * const fetchText = createSafeFetch();
 * const ics = await fetchText('https://calendar.example.com/me.ics');
 */
export function createSafeFetch(options: SafeFetchOptions = {}): FetchText {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const resolve =
    options.resolve ??
    (async (hostname: string) =>
      (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address));
  const isAllowed = options.isAllowed ?? ((address: string) => isPublicAddress(address));

  async function addressFor(url: URL): Promise<string> {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    // RFC 6761: `localhost` and its subdomains are loopback whatever a resolver says.
    if (/^(.*\.)?localhost\.?$/i.test(host)) throw refuse('the host is a loopback name');
    let addresses: string[];
    if (isIP(host) !== 0) addresses = [host];
    else {
      try {
        addresses = await resolve(host);
      } catch {
        throw fail('the host name does not resolve');
      }
    }
    if (addresses.length === 0) throw fail('the host name does not resolve');
    const port = portOf(url);
    if (!addresses.every((a) => isAllowed(a, port)))
      throw refuse('the host is a private, loopback, link-local or otherwise internal address');
    return addresses[0]!;
  }

  function getOnce(
    url: URL,
    address: string,
    signal: AbortSignal,
  ): Promise<{ status: number; location?: string; body: string }> {
    // Connect to the checked address only, whatever the resolver would answer now.
    const lookup: LookupFunction = (_hostname, opts, callback) => {
      const family = isIP(address);
      if ((opts as { all?: boolean }).all)
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address, family },
        ]);
      else callback(null, address, family);
    };
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolvePromise, reject) => {
      const request = client.get(
        url,
        { lookup, signal, headers: { accept: 'text/calendar', 'user-agent': 'Meanwhile' } },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            resolvePromise({ status, location: response.headers.location, body: '' });
            return;
          }
          const declared = Number(response.headers['content-length'] ?? 0);
          if (declared > maxBytes) {
            response.destroy();
            reject(fail(`the calendar is larger than ${maxBytes} bytes`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              response.destroy();
              reject(fail(`the calendar is larger than ${maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => resolvePromise({ status, body: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', () => reject(fail('the connection broke')));
        },
      );
      request.on('error', (error) =>
        reject(
          error instanceof OutgoingFetchError
            ? error
            : signal.aborted
              ? fail(`no answer within ${timeoutMs} ms`)
              : fail('the server could not be reached'),
        ),
      );
    });
  }

  return async (raw: string) => {
    let url = parseUrl(raw);
    const signal = AbortSignal.timeout(timeoutMs);
    for (let hop = 0; ; hop++) {
      const address = await addressFor(url);
      const answer = await getOnce(url, address, signal);
      if (answer.location === undefined) {
        if (answer.status < 200 || answer.status >= 300) throw fail(`the server answered ${answer.status}`);
        return answer.body;
      }
      if (hop >= maxRedirects) throw fail(`more than ${maxRedirects} redirects`);
      url = parseUrl(new URL(answer.location, url).toString());
    }
  };
}
