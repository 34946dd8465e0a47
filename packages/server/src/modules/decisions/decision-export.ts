// The decision log as CSV (RFC 4180) and as markdown, pure.

/** One entry of the decision log, as exported. */
export interface LogEntry {
  id: string;
  question: string;
  mode: 'consent' | 'vote';
  /** The outcome in words: "adopted", "blocked", or the chosen option. */
  outcome: string;
  decider: string;
  /** Who responded. */
  tookPart: string[];
  openedAt: number;
  closedAt: number;
  /** Path of the opening post in the web app. */
  link: string;
}

const columns = [
  'id',
  'question',
  'mode',
  'outcome',
  'decider',
  'took_part',
  'opened_at',
  'closed_at',
  'link',
];
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A CSV cell: a value a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`; then quoted when it holds a comma, a quote or a line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function cells(e: LogEntry): string[] {
  return [
    e.id,
    e.question,
    e.mode,
    e.outcome,
    e.decider,
    e.tookPart.join('; '),
    iso(e.openedAt),
    iso(e.closedAt),
    e.link,
  ];
}

/** The log as CSV: a header row, CRLF line ends (RFC 4180), formula-safe cells. */
export function toCsv(entries: readonly LogEntry[]): string {
  const lines = [columns, ...entries.map(cells)].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// Markdown table cells: no line breaks, and the characters that would end a cell or start markup escaped.
const mdCell = (text: string) => text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);

/** The log as a markdown document with one table. */
export function toMarkdown(entries: readonly LogEntry[]): string {
  const lines = [
    '# Decision log',
    '',
    '| Question | Mode | Outcome | Decider | Took part | Opened | Closed | Link |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...entries.map((e) => {
      const row = [
        mdCell(e.question),
        e.mode,
        mdCell(e.outcome),
        mdCell(e.decider),
        mdCell(e.tookPart.join(', ') || '–'),
        iso(e.openedAt),
        iso(e.closedAt),
        `[open](${encodeURI(e.link)})`,
      ];
      return `| ${row.join(' | ')} |`;
    }),
  ];
  if (entries.length === 0) lines.push('', 'No decisions yet.');
  return `${lines.join('\n')}\n`;
}
