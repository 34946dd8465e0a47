import { randomFillSync } from 'node:crypto';

const hex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The millisecond of the last id made in this process, and the counter in its `rand_a` field. */
let lastMs = -1;
let counter = 0;

/**
 * A new identifier: a UUID version 7 string (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds and the other 74 free bits random. Ids sort roughly by creation time, which keeps
 * B-tree inserts local, and are never guessable counters. Within one process, ids made in the same
 * millisecond also sort in the order they were made (RFC 9562 §6.2, method 1: a 12-bit counter seeded at
 * random in `rand_a`; past 4,096 in a millisecond the time field moves on by one), so rows stamped with
 * the same instant, as under a test clock, keep their order in `order by created_at, id`.
 *
 * @param now - the creation time in epoch milliseconds; defaults to the current time.
 */
export function newId(now: number = Date.now()): string {
  const bytes = randomFillSync(new Uint8Array(16));
  let ms = Math.trunc(now);
  // The same millisecond, or one the counter already moved past (or a clock stepping back by less than a
  // second): count on from the last id, so that ids stay in the order they were made.
  if (ms <= lastMs && ms >= lastMs - 1000) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = ((bytes[6]! & 0x07) << 8) | bytes[7]!; // below 0x800: room to count up
  }
  lastMs = ms;
  let time = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const h = Array.from(bytes, (b) => hex[b]!);
  return `${h.slice(0, 4).join('')}-${h.slice(4, 6).join('')}-${h.slice(6, 8).join('')}-${h
    .slice(8, 10)
    .join('')}-${h.slice(10).join('')}`;
}
