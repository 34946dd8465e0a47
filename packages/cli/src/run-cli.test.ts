import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodes } from './exit-codes.js';
import { runCli } from './run-cli.js';
import type { CliIo } from './run-cli.js';

interface Captured extends CliIo {
  stdout: string[];
  stderr: string[];
  controller: AbortController;
}

function captureIo(env: NodeJS.ProcessEnv = {}, cwd = '/nonexistent'): Captured {
  const controller = new AbortController();
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    controller,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: { LOG_LEVEL: 'silent', ...env },
    cwd,
    stop: controller.signal,
  };
}

describe('meanwhile', () => {
  const folders: string[] = [];
  afterEach(async () => {
    await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
  });
  async function tempFolder(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'meanwhile-cli-'));
    folders.push(folder);
    return folder;
  }

  it('prints help and exits 0 with --help, also after a command', async () => {
    for (const args of [['--help'], ['-h'], ['serve', '--help']]) {
      const io = captureIo();
      expect(await runCli(args, io)).toBe(exitCodes.ok);
      expect(io.stdout.join('\n')).toContain('Usage: meanwhile <command>');
    }
  });

  it('prints usage on stderr and exits 64 without a command or with an unknown one', async () => {
    const none = captureIo();
    expect(await runCli([], none)).toBe(exitCodes.usage);
    expect(none.stderr.join('\n')).toContain('Usage:');
    const unknown = captureIo();
    expect(await runCli(['frobnicate'], unknown)).toBe(exitCodes.usage);
    expect(unknown.stderr[0]).toBe('meanwhile: unknown command "frobnicate"');
  });

  it('exits 78 and names the variable when the configuration is invalid', async () => {
    const io = captureIo({ PORT: 'eighty' });
    expect(await runCli(['migrate'], io)).toBe(exitCodes.config);
    expect(io.stderr.join('\n')).toContain('PORT must be a whole number');
  });

  it('migrates a new data folder, then finds it up to date', async () => {
    const folder = await tempFolder();
    const first = captureIo({ MEANWHILE_DATA_DIR: 'data' }, folder);
    expect(await runCli(['migrate'], first)).toBe(exitCodes.ok);
    expect(first.stdout[0]).toMatch(/^Applied migration \d{4}-/);
    const second = captureIo({ MEANWHILE_DATA_DIR: 'data' }, folder);
    expect(await runCli(['migrate'], second)).toBe(exitCodes.ok);
    expect(second.stdout).toEqual([`SQLite at ${join(folder, 'data', 'meanwhile.sqlite')} is up to date.`]);
  });

  it('serves until stopped, printing the URL', async () => {
    const folder = await tempFolder();
    const io = captureIo({ PORT: '0', HOST: '127.0.0.1' }, folder);
    const done = runCli(['serve'], io);
    await expect
      .poll(() => io.stdout.find((l) => l.startsWith('Meanwhile is running at')), { timeout: 10_000 })
      .toBeTruthy();
    const url = /at (http:\S+)/.exec(io.stdout.find((l) => l.startsWith('Meanwhile is running at'))!)![1]!;
    expect(io.stdout.join('\n')).toMatch(/\/setup\/[A-Za-z0-9_-]{43}\n.*meanwhile admin create-owner/);
    const response = await fetch(`${url}/readyz`);
    expect(await response.json()).toEqual({ status: 'ready' });
    io.controller.abort();
    expect(await done).toBe(exitCodes.ok);
    expect(io.stdout.at(-1)).toBe('Meanwhile stopped.');
  });
});
