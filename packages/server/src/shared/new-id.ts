import { randomFillSync } from 'node:crypto';

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A new identifier: a UUID version 7 string (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds and the other 74 free bits random. Ids sort roughly by creation time, which keeps
 * B-tree inserts local, and are never guessable counters.
 *
 * @param now - the creation time in epoch milliseconds; defaults to the current time.
 */
export function newId(now: number = Date.now()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let time = Math.trunc(now);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const h = Array.from(bytes, (b) => hex[b]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h
    .slice(8, 10)
    .join('')}-${h.slice(10).join('')}`;
}
