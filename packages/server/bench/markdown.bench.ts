// The markdown section of server.bench.ts (`-- markdown`): BAD_INPUT rows 7 (huge markdown) and 8 (ReDoS
// markdown), each input 100 KB, rendered by `renderMarkdown` (markdown-it with our options, the
// whole-channel mention rule and the sanitizer) vs plain markdown-it with its default options on the same
// text. The inputs are the families bad-input-writes.test.ts stores through every route that takes
// markdown (where they are cut to the 40,000-character post limit); the test checks that they are stored,
// rendered and found, this section how long rendering takes. Times are CPU time of the process (user +
// system), so that a machine busy with other work inflates them less than wall-clock time would.
import MarkdownIt from 'markdown-it';
import { renderMarkdown } from '../src/modules/posts/post.markdown.js';
import type { BenchKit } from './delivery.bench.js';

const SIZE = 100 * 1024;
const ROUNDS = Number(process.env.BENCH_MARKDOWN_ROUNDS ?? 5);
const BUDGET_MS = 60;
/** BAD_INPUT row 8: "render ≤ 100 ms per 100 KB". */
const REDOS_GOAL_MS = 100;

/** `unit` repeated to 100 KB, then `tail`. */
const fill = (unit: string, tail = ''): string =>
  unit.repeat(Math.floor((SIZE - tail.length) / unit.length)) + tail;

interface Input {
  name: string;
  row: 7 | 8;
  text: string;
}

const inputs: Input[] = [
  { name: '`*`×100k then `x`', row: 8, text: fill('*', 'x') },
  { name: '`_`×100k', row: 8, text: fill('_') },
  { name: '`a_`×50k', row: 8, text: fill('a_') },
  { name: '`[`×100k', row: 8, text: fill('[') },
  { name: '`` ` ``×100k', row: 8, text: fill('`') },
  { name: '`a-b.`×25k', row: 8, text: fill('a-b.') },
  { name: '`a@b.`×25k', row: 8, text: fill('a@b.') },
  { name: '`a/`×50k', row: 8, text: fill('a/') },
  { name: '`>`×100k (nested quotes)', row: 7, text: fill('>') },
  { name: '`> `×50k (nested quotes)', row: 7, text: fill('> ') },
  { name: '`- `×50k (nested lists)', row: 7, text: fill('- ') },
  { name: '`- a\\n`×25k (list items)', row: 7, text: fill('- a\n') },
  { name: '`1.`×50k', row: 7, text: fill('1.') },
];

/** CPU milliseconds per call of `run`, repeated until `budgetMs` of CPU time is spent. */
function cpuMsPerCall(run: () => string, budgetMs: number): number {
  if (typeof gc === 'function') gc();
  let calls = 0;
  let length = 0;
  const start = process.cpuUsage();
  let spentMs: number;
  do {
    length += run().length;
    calls++;
    const used = process.cpuUsage(start);
    spentMs = (used.user + used.system) / 1000;
  } while (spentMs < budgetMs);
  if (length === 0) throw new Error('a renderer returned nothing');
  return spentMs / calls;
}

/** Renders every input with both renderers in interleaved rounds and adds the rows. */
export async function benchMarkdown(kit: BenchKit): Promise<void> {
  kit.progress(`markdown: ${inputs.length} pathological inputs of 100 KB, ${ROUNDS} rounds`);
  const plain = new MarkdownIt();
  const ours = (text: string) => renderMarkdown(text);
  // Warm both up (the JIT), outside the rounds.
  for (const input of inputs) {
    ours(input.text);
    plain.render(input.text);
  }
  const oursMs: number[][] = [];
  const plainMs: number[][] = [];
  for (const input of inputs) {
    const [a, b] = await kit.interleave(
      [
        async () => cpuMsPerCall(() => ours(input.text), BUDGET_MS),
        async () => cpuMsPerCall(() => plain.render(input.text), BUDGET_MS),
      ],
      ROUNDS,
    );
    oursMs.push(a!);
    plainMs.push(b!);
  }
  const perRound = (times: number[][]) =>
    Array.from({ length: ROUNDS }, (_, r) => times.reduce((sum, t) => sum + t[r]!, 0));
  kit.addRatioRow(
    `renderMarkdown, ${inputs.length} pathological 100 KB inputs (BAD_INPUT rows 7–8), CPU time, all inputs`,
    'plain markdown-it (default options), same inputs',
    kit.ratios(perRound(plainMs), perRound(oursMs)),
  );
  const slowest = (row: 7 | 8) => {
    const index = inputs
      .map((input, i) => ({ input, i, ms: kit.median(oursMs[i]!) }))
      .filter((x) => x.input.row === row)
      .sort((a, b) => b.ms - a.ms)[0]!.i;
    return { input: inputs[index]!, times: oursMs[index]! };
  };
  const redos = slowest(8);
  const redosMs = kit.median(redos.times);
  kit.addRow({
    measure: `renderMarkdown, slowest ReDoS input (row 8: ${redos.input.name}), CPU ms per 100 KB`,
    baseline: 'absolute (BAD_INPUT row 8)',
    figure: kit.formatMs(redosMs),
    spread: `${kit.formatMs(Math.min(...redos.times))}–${kit.formatMs(Math.max(...redos.times))}`,
    goal: `≤ ${REDOS_GOAL_MS} ms`,
    result: redosMs <= REDOS_GOAL_MS ? 'PASS' : 'FAIL',
  });
  const huge = slowest(7);
  kit.addRow({
    measure: `renderMarkdown, slowest huge input (row 7: ${huge.input.name}), CPU ms per 100 KB`,
    baseline: 'absolute (BAD_INPUT row 7: bounded)',
    figure: kit.formatMs(kit.median(huge.times)),
    spread: `${kit.formatMs(Math.min(...huge.times))}–${kit.formatMs(Math.max(...huge.times))}`,
    goal: '—',
    result: 'info',
  });
  const lines = inputs.map((input, i) => {
    const a = kit.median(oursMs[i]!);
    const b = kit.median(plainMs[i]!);
    return `${input.name} ${kit.formatMs(a)} vs ${kit.formatMs(b)}`;
  });
  kit.context.push(
    `markdown, CPU ms per 100 KB, renderMarkdown vs plain markdown-it (medians of ${ROUNDS} rounds): ${lines.join('; ')}`,
  );
}
