import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, toMarkdown } from './decision-export.js';
import type { LogEntry } from './decision-export.js';

const entry: LogEntry = {
  id: 'd1',
  question: 'Ship "v2", now?\nReally',
  mode: 'consent',
  outcome: '=HYPERLINK("http://evil")',
  decider: '@ana',
  tookPart: ['+Ben', 'Chi | Lee'],
  openedAt: Date.UTC(2027, 0, 4, 9),
  closedAt: Date.UTC(2027, 0, 6, 9),
  link: '/threads/t1#post-p1',
};

describe('the decision log export', () => {
  it('neutralises formula cells and quotes per RFC 4180', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('+x')).toBe("'+x");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes a header and one CRLF-ended row per entry', () => {
    const csv = toCsv([entry]);
    expect(csv).toBe(
      'id,question,mode,outcome,decider,took_part,opened_at,closed_at,link\r\n' +
        'd1,"Ship ""v2"", now?\nReally",consent,"\'=HYPERLINK(""http://evil"")",\'@ana,\'+Ben; Chi | Lee,2027-01-04T09:00:00.000Z,2027-01-06T09:00:00.000Z,/threads/t1#post-p1\r\n',
    );
  });

  it('writes a markdown table whose cells cannot break the table', () => {
    const md = toMarkdown([entry]);
    const row = md.split('\n').find((l) => l.startsWith('| Ship'))!;
    expect(row).toContain('Ship "v2", now? Really');
    expect(row).toContain('Chi \\| Lee');
    expect(row.split(' | ')).toHaveLength(8);
    expect(toMarkdown([])).toContain('No decisions yet.');
  });
});
