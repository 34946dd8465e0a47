// The search corpus: 1,000,000 posts in 20,000 threads over two years, words drawn from a Zipf
// distribution over a made-up vocabulary, written straight into a migrated SQLite file with better-sqlite3
// in large transactions. The posts go in through the real insert triggers of the search migrations, so the
// FTS5 index and its id map are exactly what the app would have built. The file is cached between runs
// (keyed by the generator's version and the migrations), because building it takes about a minute.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { openDatabase } from '../src/platform/db/open-database.js';
import { newId } from '../src/shared/new-id.js';
import { createPerson, createWorkspace } from '../test/factories.js';
import type { TestPerson } from '../test/factories.js';

export const corpusPosts = 1_000_000;
const corpusThreads = 20_000;
const vocabularySize = 30_000;
const zipfExponent = 1.05;
const spanMs = 2 * 365 * 24 * 3_600_000;
const generatorVersion = 3;

/** A seeded generator (mulberry32), so the corpus and the queries are the same from run to run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Made-up words of two to four syllables, all distinct, the most frequent first. */
export function vocabulary(): string[] {
  const next = random(7);
  const onsets = [
    'b',
    'd',
    'f',
    'g',
    'k',
    'l',
    'm',
    'n',
    'p',
    'r',
    's',
    't',
    'v',
    'z',
    'br',
    'st',
    'tr',
    'pl',
  ];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
  const words = new Set<string>();
  while (words.size < vocabularySize) {
    const syllables = 2 + Math.floor(next() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++)
      word += onsets[Math.floor(next() * onsets.length)]! + vowels[Math.floor(next() * vowels.length)]!;
    words.add(word);
  }
  return [...words];
}

/** Draws word ranks (0 = most frequent) with probability ∝ 1 / (rank + 1)^s. */
export function zipfSampler(next: () => number, size = vocabularySize, s = zipfExponent): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cumulative[r] = total += 1 / (r + 1) ** s;
  return () => {
    const u = next() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** What the search benchmark needs of the corpus. */
export interface Corpus {
  file: string;
  workspaceId: string;
  /** A member of the workspace who may read 9 of its 10 channels (not the other private one). */
  reader: { personId: string; workspaceId: string };
  words: string[];
  buildSeconds: number | null;
}

interface CorpusMeta {
  workspaceId: string;
  readerId: string;
}

function cacheDir(): string {
  const dir = fileURLToPath(new URL('../../../node_modules/.cache/meanwhile-bench/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}

function cacheKey(): string {
  const migrations = readdirSync(fileURLToPath(new URL('../migrations/', import.meta.url)))
    .filter((f) => f.endsWith('.ts'))
    .sort();
  let h = 2166136261;
  for (const c of `${generatorVersion}|${corpusPosts}|${migrations.join(',')}`)
    h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0).toString(16);
}

async function seedPeople(file: string): Promise<{ meta: CorpusMeta; channels: string[]; people: string[] }> {
  const database = openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database.db);
  const workspaceId = await createWorkspace(database.db, 'Corpus');
  const people: TestPerson[] = [];
  for (let i = 0; i < 40; i++) people.push(await createPerson(database.db, workspaceId));
  await database.close();
  const reader = people[0]!;
  const sqlite = new BetterSqlite3(file);
  const channels: string[] = [];
  const insertChannel = sqlite.prepare(
    `insert into channels (id, workspace_id, name, name_normalized, description, visibility, created_by, created_at)
     values (?, ?, ?, ?, '', ?, ?, ?)`,
  );
  const addMember = sqlite.prepare(
    'insert into channel_members (channel_id, person_id, added_at) values (?, ?, ?)',
  );
  const start = Date.now() - spanMs - 86_400_000;
  for (let c = 0; c < 10; c++) {
    const id = newId(start);
    // Channels 0–7 public; 8 private with the reader as a member; 9 private without.
    insertChannel.run(id, workspaceId, `c${c}`, `c${c}`, c < 8 ? 'public' : 'private', people[1]!.id, start);
    if (c === 8) addMember.run(id, reader.id, start);
    addMember.run(id, people[1]!.id, start);
    channels.push(id);
  }
  sqlite.close();
  return {
    meta: { workspaceId, readerId: reader.id },
    channels,
    people: people.map((p) => p.id),
  };
}

async function build(file: string): Promise<CorpusMeta> {
  const { meta, channels, people } = await seedPeople(file);
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const words = vocabulary();
  const next = random(42);
  const word = zipfSampler(next);
  const sentence = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[word()]!);
    return out.join(' ');
  };
  const start = Date.now() - spanMs;
  const insertThread = sqlite.prepare(
    `insert into threads (id, workspace_id, channel_id, title, author_id, created_at, last_post_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPost = sqlite.prepare(
    `insert into posts (id, workspace_id, thread_id, author_id, markdown, html, version, created_at, edited_at, deleted_at, deleted_by)
     values (?, ?, ?, ?, ?, ?, 1, ?, null, ?, ?)`,
  );
  const threadIds: string[] = [];
  const threadAt = (k: number): number => start + Math.floor((k * spanMs) / corpusThreads);
  let made = 0;
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = start + Math.floor((i * spanMs) / corpusPosts);
      while (made < corpusThreads && threadAt(made) <= at) {
        const id = newId(threadAt(made));
        const title = sentence(3 + Math.floor(next() * 5));
        const channel = channels[Math.floor(next() * channels.length)]!;
        const author = people[Math.floor(next() * people.length)]!;
        insertThread.run(id, meta.workspaceId, channel, title, author, threadAt(made), threadAt(made));
        threadIds.push(id);
        made++;
      }
      // Replies go mostly to recent threads, some to any earlier one.
      const recent = Math.max(0, threadIds.length - 200);
      const k =
        next() < 0.8
          ? recent + Math.floor(next() * (threadIds.length - recent))
          : Math.floor(next() * threadIds.length);
      const author = people[Math.floor(next() * people.length)]!;
      const deleted = next() < 0.005;
      const markdown = deleted ? '' : sentence(8 + Math.floor(next() * 50));
      insertPost.run(
        newId(at),
        meta.workspaceId,
        threadIds[k]!,
        author,
        markdown,
        deleted ? '' : `<p>${markdown}</p>`,
        at,
        deleted ? at : null,
        deleted ? author : null,
      );
    }
  });
  const step = 50_000;
  for (let i = 0; i < corpusPosts; i += step) {
    batch(i, Math.min(corpusPosts, i + step));
    process.stderr.write(`\r… corpus: ${((i + step) / 1000).toFixed(0)}k posts`);
  }
  process.stderr.write('\n');
  sqlite.exec(
    `update threads set last_post_at = coalesce((select max(created_at) from posts where thread_id = threads.id), last_post_at)`,
  );
  sqlite.exec(`insert into post_search(post_search) values ('optimize')`);
  sqlite.exec(`insert into thread_search(thread_search) values ('optimize')`);
  sqlite.exec('analyze');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return meta;
}

/** The corpus, built now or taken from the cache. */
export async function loadCorpus(progress: (text: string) => void): Promise<Corpus> {
  const dir = cacheDir();
  const key = cacheKey();
  const file = join(dir, `search-${key}.sqlite`);
  const metaFile = `${file}.json`;
  let buildSeconds: number | null = null;
  if (!existsSync(file) || !existsSync(metaFile)) {
    for (const old of readdirSync(dir))
      if (old.startsWith('search-')) rmSync(join(dir, old), { force: true });
    progress(`building the search corpus (${corpusPosts.toLocaleString('en-US')} posts) in ${dir}`);
    const started = performance.now();
    const temp = join(dir, `building-${process.pid}.sqlite`);
    const meta = await build(temp);
    for (const suffix of ['-wal', '-shm']) rmSync(`${temp}${suffix}`, { force: true });
    renameSync(temp, file);
    writeFileSync(metaFile, JSON.stringify(meta));
    buildSeconds = (performance.now() - started) / 1000;
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as CorpusMeta;
  return {
    file,
    workspaceId: meta.workspaceId,
    reader: { personId: meta.readerId, workspaceId: meta.workspaceId },
    words: vocabulary(),
    buildSeconds,
  };
}
