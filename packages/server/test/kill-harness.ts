// The pieces of kill.test.ts: a server child process that can be SIGKILLed and restarted, and plain
// HTTP calls to it (fetch, as an outside client would; no inject, no shared memory).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { testPostgresUrl } from './dialects.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
// Generous: a start takes 1 to 3 s, but much longer on a loaded 2-core machine.
const startTimeoutMs = 60_000;

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function builtAt(): number {
  try {
    return statSync(join(serverDir, 'dist/.tsbuildinfo')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * The child's command line: `meanwhile serve` without the CLI around it. It runs the build when that is
 * newer than every source (CI builds before testing; a start then takes about 1 s), otherwise the
 * sources through tsx (about 3 s), so that the test never runs stale code.
 */
function childArguments(): string[] {
  const sources = ['src', 'migrations'].map((d) => newestSourceTime(join(serverDir, d)));
  const isBuildCurrent = builtAt() > Math.max(...sources);
  const entry = pathToFileURL(join(serverDir, isBuildCurrent ? 'dist/src/index.js' : 'src/index.ts'));
  const script = [
    `const { loadConfig, startServer } = await import(${JSON.stringify(entry.href)});`,
    'const running = await startServer(loadConfig(process.env));',
    'process.stdout.write(`listening ${running.url}\\n`);',
  ].join('\n');
  return [...(isBuildCurrent ? [] : ['--import', 'tsx']), '--input-type=module', '-e', script];
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A `meanwhile serve` child process on a free port, which the test kills and starts again. */
export class ServerProcess {
  #child: ChildProcess | undefined;
  #url = '';
  #isUp = false;
  #waiters: Array<() => void> = [];
  /** How many times it was started. */
  starts = 0;

  constructor(private readonly env: Record<string, string>) {}

  /** The address of the running child; it changes at each start (port 0). */
  get url(): string {
    return this.#url;
  }

  /** The process id of the running child (worker ids of its scheduler contain it). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Resolves once a child is listening (at once while one is). */
  whenUp(): Promise<void> {
    return this.#isUp ? Promise.resolve() : new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Starts a child and resolves when it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, childArguments(), {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.starts += 1;
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    this.#url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(
        () => reject(new Error(`no start in ${startTimeoutMs / 1000} s:\n${stderr}`)),
        startTimeoutMs,
      );
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        const match = /listening (\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code ?? signal}) before listening:\n${stderr}`));
      });
    });
    this.#isUp = true;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Sends `signal` without waiting (SIGSTOP / SIGCONT to freeze and resume it). */
  signal(signal: NodeJS.Signals): void {
    this.#child?.kill(signal);
  }

  /** Ends the child with `signal` (SIGKILL: no shutdown at all) and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.#isUp = false;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

/** An HTTP answer with its parsed JSON body. */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads what it checks
  body: any;
}

/** A JSON request to the server; rejects on a connection failure (the server was killed). */
export async function call(
  url: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Every item of a cursor-paginated list. */
export async function readAll<T>(url: string, path: string, headers: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await call(url, 'GET', `${path}${query}`, { headers });
    if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
    items.push(...(page.body.items as T[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

async function isPostgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: testPostgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the PostgreSQL runs of the process tests run: always with CI=true (an unreachable server fails). */
export const runPostgres = process.env.CI === 'true' || (await isPostgresReachable());

/** A fresh PostgreSQL database for one test (`<prefix>_<pid>_<random>`), and how to drop it. */
export async function createPostgresDatabase(
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database "${name}"`);
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** Runs `task` with the URL of a fresh PostgreSQL database, dropped afterwards whatever happens. */
export async function withPostgresDatabase(
  prefix: string,
  task: (url: string) => Promise<void>,
): Promise<void> {
  const database = await createPostgresDatabase(prefix);
  try {
    await task(database.url);
  } finally {
    await database.drop();
  }
}
