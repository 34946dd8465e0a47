const msPerDay = 86_400_000;
// Years 0000–9999, the range toISOString writes with four digits and no sign.
const minMs = -62_167_219_200_000;
const maxMs = 253_402_300_799_999;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

function datePrefix(days: number): string {
  // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T`;
}

// The date part of the last day formatted: the times of a page are mostly of a few days.
let lastDays = NaN;
let lastPrefix = '';

/**
 * `new Date(ms).toISOString()` (e.g. `2026-11-26T18:07:35.123Z`), faster: API views format every time
 * they return, and a page of posts formats a hundred. Falls back to `Date` outside years 0000–9999 and
 * for non-integer input.
 */
export function toIsoTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < minMs || ms > maxMs) return new Date(ms).toISOString();
  const days = Math.floor(ms / msPerDay);
  if (days !== lastDays) {
    lastPrefix = datePrefix(days);
    lastDays = days;
  }
  let rest = ms - days * msPerDay;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const second = rest % 60;
  rest = (rest - second) / 60;
  const minute = rest % 60;
  const hour = (rest - minute) / 60;
  return lastPrefix + pad2(hour) + ':' + pad2(minute) + ':' + pad2(second) + '.' + pad3(milli) + 'Z';
}
