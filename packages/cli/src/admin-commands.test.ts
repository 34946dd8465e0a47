import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodes } from './exit-codes.js';
import { runCli } from './run-cli.js';
import type { CliIo } from './run-cli.js';

describe('meanwhile admin', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'meanwhile-admin-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  function io(stdin?: string) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const value: CliIo = {
      out: (line) => stdout.push(line),
      err: (line) => stderr.push(line),
      env: { LOG_LEVEL: 'silent', MEANWHILE_DATA_DIR: 'data', MEANWHILE_TEST_MODE: '1' },
      cwd: folder,
      stop: new AbortController().signal,
      ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
    };
    return { ...value, stdout, stderr };
  }

  it('lists no workspaces on a new database', async () => {
    const run = io();
    expect(await runCli(['admin', 'list-workspaces', '--json'], run)).toBe(exitCodes.ok);
    expect(JSON.parse(run.stdout[0]!)).toEqual([]);
  });

  it('creates an owner with a password from stdin, then lists the workspace', async () => {
    const run = io('a long enough password\n');
    const args = [
      'admin',
      'create-owner',
      '--email',
      'Boss@Example.com',
      '--name',
      'Boss',
      '--workspace',
      'Acme',
      '--password-stdin',
    ];
    expect(await runCli(args, run), run.stderr.join('\n')).toBe(exitCodes.ok);
    expect(run.stdout.join('\n')).not.toContain('a long enough password');
    const list = io();
    await runCli(['admin', 'list-workspaces', '--json'], list);
    expect(JSON.parse(list.stdout[0]!)).toEqual([
      expect.objectContaining({ name: 'Acme', activeMembers: 1 }),
    ]);
    const again = io('a long enough password\n');
    expect(await runCli(args, again)).toBe(exitCodes.failure);
    expect(again.stderr.join('\n')).toContain('already exists');
  });

  it('resets a password with a generated one, shown once', async () => {
    const run = io();
    expect(await runCli(['admin', 'reset-password', '--email', 'boss@example.com'], run)).toBe(exitCodes.ok);
    expect(run.stdout.join('\n')).toMatch(/Password \(shown only now\): \S{20,}/);
    const unknown = io();
    expect(await runCli(['admin', 'reset-password', '--email', 'nobody@example.com'], unknown)).toBe(
      exitCodes.failure,
    );
  });

  it('refuses a short password and unknown options with exit code 64', async () => {
    const short = io('short\n');
    expect(
      await runCli(['admin', 'reset-password', '--email', 'boss@example.com', '--password-stdin'], short),
    ).toBe(exitCodes.usage);
    const unknown = io();
    expect(await runCli(['admin', 'list-workspaces', '--email', 'x'], unknown)).toBe(exitCodes.usage);
    expect(await runCli(['admin', 'frobnicate'], io())).toBe(exitCodes.usage);
    const help = io();
    expect(await runCli(['admin', '--help'], help)).toBe(exitCodes.ok);
    expect(help.stdout.join('\n')).toContain('create-owner');
  });
});
