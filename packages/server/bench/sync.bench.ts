// `npm run bench -w @meanwhile/server` (second part): candidate sync windows for a 1,000-person workspace over
// four weeks against the bare `overlap` call they build on, measured in the same run (issue 7: at most 3×).
//
// Both subjects get the same compiled rhythms (delivery slots: hours less focus blocks), so both read warm
// chunk caches. Machines are shared and noisy: 9 rounds, the two subjects timed one after the other in an
// order that alternates from round to round, one ratio per round, the median reported with the spread.
import { overlap, parseRhythm, subtractBlocks } from '@meanwhile/time';
import type { Rhythm, WeekInput } from '@meanwhile/time';
import { candidateWindows } from '../src/modules/sync/index.js';

const people = 1000;
const rounds = 9;
const budgetMs = 1500;
const goal = 3;
const from = Date.UTC(2027, 2, 1); // four weeks over both changes to summer time (US 14 Mar, EU 28 Mar)
const to = from + 28 * 86_400_000;

// Zones weighted roughly like a distributed company: most in Europe and the Americas, some in Asia/Oceania.
const zones: [string, number][] = [
  ['Europe/Berlin', 20],
  ['Europe/London', 12],
  ['Europe/Madrid', 6],
  ['Africa/Lagos', 4],
  ['America/New_York', 16],
  ['America/Chicago', 6],
  ['America/Los_Angeles', 10],
  ['America/Sao_Paulo', 6],
  ['Asia/Kolkata', 8],
  ['Asia/Tokyo', 5],
  ['Australia/Sydney', 4],
  ['Asia/Kathmandu', 3],
];

/** A deterministic PRNG (mulberry32), so that every run times the same team. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function team(): Rhythm[] {
  const next = random(7);
  const total = zones.reduce((sum, [, w]) => sum + w, 0);
  const out: Rhythm[] = [];
  for (let p = 0; p < people; p++) {
    let x = next() * total;
    const zone = zones.find(([, w]) => (x -= w) < 0)?.[0] ?? 'UTC';
    const start = (14 + Math.floor(next() * 8)) * 30; // 07:00–10:30
    const lunch = start + 240 + Math.floor(next() * 3) * 30;
    const day =
      next() < 0.5
        ? [`${hhmm(start)}-${hhmm(start + 480)}`]
        : [`${hhmm(start)}-${hhmm(lunch)}`, `${hhmm(lunch + 60)}-${hhmm(start + 540)}`];
    const week: WeekInput = { mon: day, tue: day, wed: day, thu: day, fri: day };
    const focus: WeekInput =
      next() < 0.6
        ? {
            [(['mon', 'tue', 'wed', 'thu', 'fri'] as const)[p % 5]!]: [`${hhmm(start)}-${hhmm(start + 120)}`],
          }
        : {};
    out.push(subtractBlocks(parseRhythm({ timeZone: zone, week }), { week: focus }));
  }
  return out;
}

let sink = 0;

/** Milliseconds per call: calls until the budget is spent. */
function measure(run: () => number): number {
  if (typeof gc === 'function') gc();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs || calls < 3) {
    sink += run();
    calls++;
    elapsed = performance.now() - start;
  }
  return elapsed / calls;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function main(): void {
  const rhythms = team();
  const members = rhythms.map((slots, i) => ({ personId: String(i), slots }));
  const bare = () => overlap(rhythms, from, to).length;
  const candidates = () =>
    candidateWindows(members, from, to, { durationMs: 3_600_000, patternZone: 'Europe/Berlin' }).windows
      .length;
  // Warm-up: compiles every rhythm's chunks and lets the JIT settle.
  for (let i = 0; i < 3; i++) sink += bare() + candidates();
  const bareMs: number[] = [];
  const candidateMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      bareMs.push(measure(bare));
      candidateMs.push(measure(candidates));
    } else {
      candidateMs.push(measure(candidates));
      bareMs.push(measure(bare));
    }
  }
  const ratios = candidateMs.map((c, r) => c / bareMs[r]!);
  const result = candidateWindows(members, from, to, { durationMs: 3_600_000, patternZone: 'Europe/Berlin' });
  const mid = median(ratios);
  console.log('## Candidate sync windows (1,000 people, 4 weeks, 1-hour windows)\n');
  console.log('| subject | median ms per call | rounds min–max ms |');
  console.log('|---|---|---|');
  console.log(
    `| overlap (baseline) | ${median(bareMs).toFixed(2)} | ${Math.min(...bareMs).toFixed(2)}–${Math.max(...bareMs).toFixed(2)} |`,
  );
  console.log(
    `| candidateWindows | ${median(candidateMs).toFixed(2)} | ${Math.min(...candidateMs).toFixed(2)}–${Math.max(...candidateMs).toFixed(2)} |`,
  );
  console.log(
    `\nRatio candidateWindows ÷ overlap: median ${mid.toFixed(2)}× (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}×), goal ≤ ${goal}×: ${mid <= goal ? 'met' : 'MISSED'}.`,
  );
  console.log(
    `Best window includes ${result.windows[0]?.included.length ?? 0} of ${people}; first pattern: ${result.patterns[0]?.label ?? 'none'}. (sink ${sink % 7})`,
  );
  if (mid > goal) process.exitCode = 1;
}

main();
