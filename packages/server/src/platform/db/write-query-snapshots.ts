// `npm run sql -w @meanwhile/server`: rewrites the checked-in SQL of the hot queries (query-snapshots.ts).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderQuerySnapshots } from './query-snapshots.js';

const folder = fileURLToPath(new URL('../../../queries/', import.meta.url));
const files = await renderQuerySnapshots();
await mkdir(folder, { recursive: true });
for (const name of await readdir(folder)) {
  if (name.endsWith('.sql') && !files.has(name)) await rm(new URL(name, `file://${folder}`));
}
for (const [name, text] of files) await writeFile(`${folder}${name}`, text);
console.log(`Wrote ${files.size} files of hot-query SQL to ${folder}`);
