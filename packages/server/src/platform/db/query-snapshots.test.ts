import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderQuerySnapshots } from './query-snapshots.js';

const folder = fileURLToPath(new URL('../../../queries/', import.meta.url));

describe('hot-query SQL snapshots', () => {
  it('match the checked-in files (run `npm run sql -w @meanwhile/server` after changing a hot query)', async () => {
    const files = await renderQuerySnapshots();
    expect((await readdir(folder)).filter((name) => name.endsWith('.sql')).sort()).toEqual(
      [...files.keys()].sort(),
    );
    for (const [name, text] of files) expect(await readFile(`${folder}${name}`, 'utf8'), name).toBe(text);
  });

  it('capture real statements for both databases', async () => {
    const files = await renderQuerySnapshots();
    const all = [...files.values()].join('\n');
    expect(all).not.toContain('(no statement)');
    expect(all).toMatch(/for update skip locked/i); // PostgreSQL's claim
    expect(all).toMatch(/"post_search" match/i); // SQLite's FTS5
  });
});
