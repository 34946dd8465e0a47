import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { createMeanwhileClient } from '@meanwhile/api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { owner, runMeanwhile, startTestServer } from '../test/cli-harness.js';
import type { TestServer } from '../test/cli-harness.js';
import { exitCodes } from './exit-codes.js';

const batchSize = 50;

// A separate process that commits batches of `batchSize` rows, as another writer would, until killed.
function startWriter(file: string) {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.exec('create table if not exists backup_probe (batch integer not null, payload blob not null)');
    const insert = db.prepare('insert into backup_probe values (?, randomblob(2000))');
    const batch = db.transaction((n) => { for (let i = 0; i < ${batchSize}; i++) insert.run(n); });
    for (let n = 0; ; n++) { batch(n); if (n === 20) process.stdout.write('ready\\n'); }
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code}`)));
  });
  return { child, ready };
}

function inspect(file: string) {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      posts: count('select count(*) as n from posts'),
      probeRows: count('select count(*) as n from backup_probe'),
      threadsWithoutPosts: count(
        'select count(*) as n from threads t where not exists (select 1 from posts p where p.thread_id = t.id)',
      ),
    };
  } finally {
    db.close();
  }
}

describe('meanwhile backup', () => {
  let server: TestServer;
  let client: ReturnType<typeof createMeanwhileClient>;
  let channelId: string;
  const backup = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    runMeanwhile(['backup', ...args], { configDir: server.folder, env: { ...server.serverEnv, ...env } });

  beforeAll(async () => {
    server = await startTestServer();
    const configDir = join(server.folder, 'config');
    await runMeanwhile(['login', server.url, '--email', owner.email, '--password-stdin'], {
      configDir,
      stdin: owner.password,
    });
    const { token } = JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as { token: string };
    client = createMeanwhileClient({ baseUrl: server.url, token });
    const channel = await client.POST('/api/v1/channels', { body: { name: 'ops', visibility: 'public' } });
    channelId = channel.data!.id;
    await client.POST('/api/v1/channels/{id}/threads', {
      params: { path: { id: channelId } },
      body: { title: 'Backups', markdown: 'Nightly at 02:00' },
    });
  });
  afterAll(() => server.close());

  it('writes a file that opens as a SQLite database with the data, and refuses to overwrite it', async () => {
    const result = await backup(['copy.sqlite']);
    expect(result.code, result.stderr).toBe(exitCodes.ok);
    expect(result.stdout).toMatch(/^Backed up SQLite at .* to .*copy\.sqlite \(\d+ bytes\)\.$/);
    const db = new BetterSqlite3(join(server.folder, 'copy.sqlite'), { readonly: true });
    expect(db.prepare('select markdown from posts').all()).toEqual([{ markdown: 'Nightly at 02:00' }]);
    db.close();

    const again = await backup(['copy.sqlite']);
    expect(again.code).toBe(exitCodes.cannotCreate);
    expect(again.stderr).toContain('--force');
    expect((await backup(['copy.sqlite', '--force'])).code).toBe(exitCodes.ok);
    expect((await readdir(server.folder)).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('takes consistent snapshots while another process and the server are writing', async () => {
    const { database } = server.config;
    if (database.kind !== 'sqlite') throw new Error('the test server runs on SQLite');
    const writer = startWriter(database.file);
    let isWriting = true;
    // Meanwhile the server starts threads (a thread and its first post commit together).
    const apiWrites = (async () => {
      for (let n = 0; isWriting && n < 100; n++) {
        const started = await client.POST('/api/v1/channels/{id}/threads', {
          params: { path: { id: channelId } },
          body: { title: `Load ${n}`, markdown: `post ${n}` },
        });
        if (started.response.status !== 201) break;
      }
    })();
    try {
      await writer.ready;
      for (const name of ['live-1.sqlite', 'live-2.sqlite', 'live-3.sqlite']) {
        const result = await backup([name]);
        expect(result.code, result.stderr).toBe(exitCodes.ok);
        const copy = inspect(join(server.folder, name));
        expect(copy.integrity).toBe('ok');
        expect(copy.probeRows).toBeGreaterThan(0);
        expect(copy.probeRows % batchSize).toBe(0); // whole transactions only
        expect(copy.threadsWithoutPosts).toBe(0);
        expect(copy.posts).toBeGreaterThan(0);
      }
    } finally {
      isWriting = false;
      writer.child.kill('SIGKILL');
      await apiWrites;
    }
  });

  it('says how to use pg_dump on PostgreSQL, writes nothing and exits 4', async () => {
    const result = await backup(['pg.dump'], {
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:5432/mw',
    });
    expect(result.code).toBe(exitCodes.notApplicable);
    expect(result.stderr).toContain('pg_dump --format=custom --file pg.dump "$DATABASE_URL"');
    expect(result.stderr).not.toContain('secret');
    await expect(readdir(server.folder)).resolves.not.toContain('pg.dump');
  });

  it('fails with exit code 1 when there is no database yet', async () => {
    const result = await backup(['x.sqlite'], { MEANWHILE_DATA_DIR: join(server.folder, 'empty') });
    expect(result.code).toBe(exitCodes.failure);
    expect(result.stderr).toContain('there is no database at');
  });
});
