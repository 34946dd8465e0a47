import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminCreateOwner, loadConfig, startServer } from '@meanwhile/server';
import type { Config, RunningServer } from '@meanwhile/server';
import { runCli } from '../src/run-cli.js';

/** What one run of the command printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The owner every {@link startTestServer} creates. */
export const owner = { email: 'owner@example.com', password: 'a long enough password', name: 'Olga' };

/** A real server on a temporary SQLite database and a free port, with one workspace and its owner. */
export interface TestServer {
  folder: string;
  config: Config;
  /** The environment that points `meanwhile` at this server's database (for `backup`). */
  serverEnv: NodeJS.ProcessEnv;
  running: RunningServer;
  url: string;
  close(): Promise<void>;
}

/** Starts a {@link TestServer}; close it in `afterAll`. */
export async function startTestServer(): Promise<TestServer> {
  const folder = await mkdtemp(join(tmpdir(), 'meanwhile-cli-client-'));
  const serverEnv = {
    LOG_LEVEL: 'silent',
    MEANWHILE_DATA_DIR: join(folder, 'data'),
    MEANWHILE_TEST_MODE: '1',
    PORT: '0',
    HOST: '127.0.0.1',
  };
  const config = loadConfig(serverEnv, folder);
  await adminCreateOwner(config, {
    email: owner.email,
    displayName: owner.name,
    workspaceName: 'Acme',
    password: owner.password,
  });
  const running = await startServer(config);
  return {
    folder,
    config,
    serverEnv,
    running,
    url: running.url,
    close: async () => {
      await running.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Runs `meanwhile …` in-process with the given stdin, environment and config folder. */
export async function runMeanwhile(
  args: string[],
  options: { configDir: string; cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string },
): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, {
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: { LOG_LEVEL: 'silent', TZ: 'UTC', ...options.env },
    cwd: options.cwd ?? options.configDir,
    stop: new AbortController().signal,
    configDir: options.configDir,
    ...(options.stdin === undefined ? {} : { readStdin: async () => options.stdin! }),
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
