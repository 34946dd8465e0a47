import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type * as ServerModule from '@meanwhile/server';
import { exitCodes } from './exit-codes.js';
import type { CliIo } from './run-cli.js';

/** Help of `meanwhile admin`. */
export const adminHelp = `Usage: meanwhile admin <task> [options]

Tasks (they work on the configured database directly, without a running server):
  create-owner --email <e-mail> --name <display name> --workspace <name> [--time-zone <zone>]
               [--password-stdin]
      Create a workspace and its owner. Without --password-stdin a strong password is generated and
      printed once. The owner's rhythm starts as Mon–Fri 09:00–17:00 in --time-zone (an IANA name such
      as Europe/Berlin; UTC by default).
  reset-password --email <e-mail> [--password-stdin]
      Set a new password (generated and printed once without --password-stdin) and end every session
      of the account.
  list-workspaces [--json]
      List the workspaces with their active member counts.`;

class UsageError extends Error {}

type Server = typeof ServerModule;
type Options = Record<string, string | boolean | undefined>;

const optionSpecs = {
  email: { type: 'string' },
  name: { type: 'string' },
  workspace: { type: 'string' },
  'time-zone': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

// The password comes from stdin (first line), or is generated and shown once.
async function obtainPassword(
  server: Server,
  io: CliIo,
  options: Options,
): Promise<{ password: string; isGenerated: boolean }> {
  if (!options['password-stdin'])
    return { password: randomBytes(18).toString('base64url'), isGenerated: true };
  if (!io.readStdin) throw new UsageError('--password-stdin needs standard input');
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  const { minLength, maxLength } = server.passwordPolicy;
  if (password.length < minLength || password.length > maxLength) {
    throw new UsageError(`the password must have ${minLength} to ${maxLength} characters`);
  }
  return { password, isGenerated: false };
}

async function createOwner(server: Server, io: CliIo, options: Options): Promise<number> {
  const input = {
    email: required(options, 'email'),
    displayName: required(options, 'name'),
    workspaceName: required(options, 'workspace'),
    ...(typeof options['time-zone'] === 'string' ? { timeZone: options['time-zone'] } : {}),
  };
  const config = server.loadConfig(io.env, io.cwd);
  const { password, isGenerated } = await obtainPassword(server, io, options);
  const created = await server.adminCreateOwner(config, { ...input, password });
  io.out(`Created workspace "${input.workspaceName}" (${created.workspaceId}) owned by ${input.email}.`);
  if (isGenerated) io.out(`Password (shown only now): ${password}`);
  return exitCodes.ok;
}

async function resetPassword(server: Server, io: CliIo, options: Options): Promise<number> {
  const email = required(options, 'email');
  const config = server.loadConfig(io.env, io.cwd);
  const { password, isGenerated } = await obtainPassword(server, io, options);
  await server.adminResetPassword(config, { email, password });
  io.out(`Set a new password for ${email} and ended all of its sessions.`);
  if (isGenerated) io.out(`Password (shown only now): ${password}`);
  return exitCodes.ok;
}

async function listWorkspaces(server: Server, io: CliIo, options: Options): Promise<number> {
  const workspaces = await server.adminListWorkspaces(server.loadConfig(io.env, io.cwd));
  if (options.json) {
    io.out(JSON.stringify(workspaces));
  } else if (workspaces.length === 0) {
    io.out('No workspaces yet. Create one with: meanwhile admin create-owner');
  } else {
    for (const w of workspaces) io.out(`${w.id}  ${w.name}  (${w.activeMembers} active members)`);
  }
  return exitCodes.ok;
}

const tasks: Record<
  string,
  { run: (server: Server, io: CliIo, options: Options) => Promise<number>; allowed: string[] }
> = {
  'create-owner': {
    run: createOwner,
    allowed: ['email', 'name', 'workspace', 'time-zone', 'password-stdin'],
  },
  'reset-password': { run: resetPassword, allowed: ['email', 'password-stdin'] },
  'list-workspaces': { run: listWorkspaces, allowed: ['json'] },
};

function parse(args: string[], allowed: string[]): Options {
  const { values, positionals } = parseArgs({
    args,
    options: optionSpecs,
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const extra = Object.keys(values).find((key) => !allowed.includes(key));
  if (extra) throw new UsageError(`unknown option --${extra}`);
  return values;
}

/** Runs `meanwhile admin <task> …`; errors other than usage errors propagate to the caller. */
export async function runAdmin(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const task = name ? tasks[name] : undefined;
  if (!task) {
    io.err(name ? `meanwhile admin: unknown task "${name}"` : adminHelp);
    if (name) io.err('Run "meanwhile admin --help" for usage.');
    return exitCodes.usage;
  }
  let options: Options;
  try {
    options = parse(rest, task.allowed);
  } catch (error) {
    io.err(`meanwhile admin ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.usage;
  }
  try {
    return await task.run(await import('@meanwhile/server'), io, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`meanwhile admin ${name}: ${error.message}`);
    return exitCodes.usage;
  }
}
