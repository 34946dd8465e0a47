import { adminHelp, runAdmin } from './admin-commands.js';
import { backupCommand } from './backup-command.js';
import { parseCommandLine } from './client-command.js';
import type { ClientCommand } from './client-command.js';
import { CliFailure, exitCodes, exitCodesHelp, UsageError } from './exit-codes.js';
import { decisionCommands } from './decision-commands.js';
import { ideationCommands } from './ideation-commands.js';
import { inboxCommands } from './inbox-commands.js';
import { loginCommands } from './login-commands.js';
import { readCommands } from './read-commands.js';
import { scratchCommands } from './scratch-commands.js';
import { timeCommands } from './time-commands.js';
import { syncCommands } from './sync-commands.js';
import { writeCommands } from './write-commands.js';

/** Where the command writes, what it reads, and what stops a running server. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT or SIGTERM; `serve` then shuts down cleanly. */
  stop: AbortSignal;
  /** Reads all of standard input (for `--password-stdin` and post text from `-`). */
  readStdin?: () => Promise<string>;
  /** Asks a question on the terminal; absent when there is none (then options must say it all). */
  prompt?: (question: string, options: { isSecret: boolean }) => Promise<string>;
  /** The folder of the stored login; by default the user's config folder (see `meanwhile login --help`). */
  configDir?: string;
}

/** The version printed by `--version`. */
export const cliVersion = '0.1.0';

const clientCommands: Record<string, ClientCommand> = {
  ...loginCommands,
  ...readCommands,
  ...writeCommands,
  ...inboxCommands,
  ...timeCommands,
  ...syncCommands,
  ...decisionCommands,
  ...ideationCommands,
  ...scratchCommands,
  backup: backupCommand,
};

const commandList = Object.entries(clientCommands)
  .map(([name, command]) => `  ${name.padEnd(16)}${command.summary}`)
  .join('\n');

const helpText = `Usage: meanwhile <command> [options]

Running a server:
  serve       Apply pending migrations, then serve the web app and the API.
  migrate     Apply pending migrations and exit.
  admin       create-owner | reset-password | list-workspaces (see meanwhile admin --help).

Using a server (log in first; every command has --help, every read has --json):
${commandList}

Options:
  -h, --help     Show this help (or a command's: meanwhile post --help).
  -v, --version  Show the version.

Environment:
  PORT                 Port to listen on (default 8080).
  HOST                 Address to listen on (default 0.0.0.0: every interface).
  MEANWHILE_DATA_DIR   Folder of the embedded SQLite database (default ./data).
  DATABASE_URL         postgres://… to use PostgreSQL instead of SQLite.
  LOG_LEVEL            fatal, error, warn, info (default), debug, trace or silent.
  TRUST_PROXY          1 behind a reverse proxy: trust X-Forwarded-For and X-Forwarded-Proto.
  MEANWHILE_URL        The server the client commands use, instead of the stored login's.
  MEANWHILE_TOKEN      The API token the client commands use, instead of the stored login's.

${exitCodesHelp}`;

function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = (e as { cause?: unknown }).cause) {
    parts.push(e instanceof Error ? e.message : String(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join('\n  caused by: ');
}

async function serve(io: CliIo): Promise<number> {
  const server = await import('@meanwhile/server');
  const config = server.loadConfig(io.env, io.cwd);
  const running = await server.startServer(config);
  for (const name of running.migrations.applied) io.out(`Applied migration ${name}`);
  io.out(`Meanwhile is running at ${running.url} (${server.describeDatabase(config.database)})`);
  if (running.setupUrl) {
    io.out('No workspace exists yet. Create the first owner with this one-time link (valid 24 hours):');
    io.out(`  ${running.setupUrl}`);
    io.out(
      'or on this machine: meanwhile admin create-owner --email <e-mail> --name <name> --workspace <name>',
    );
  }
  io.out('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    if (io.stop.aborted) resolve();
    io.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
  io.out('Meanwhile stopped.');
  return exitCodes.ok;
}

async function migrate(io: CliIo): Promise<number> {
  const server = await import('@meanwhile/server');
  const config = server.loadConfig(io.env, io.cwd);
  const report = await server.runMigrations(config);
  for (const name of report.applied) io.out(`Applied migration ${name}`);
  io.out(
    report.applied.length === 0
      ? `${server.describeDatabase(config.database)} is up to date.`
      : `${server.describeDatabase(config.database)} is now up to date.`,
  );
  return exitCodes.ok;
}

const commands: Record<string, (io: CliIo) => Promise<number>> = { serve, migrate };

/**
 * Runs the `meanwhile` command with its arguments (without `node` and the script) and returns the exit
 * code. Nothing here calls `process.exit`, so tests can run it in-process.
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = args;
  if (first === undefined) {
    io.err(helpText);
    return exitCodes.usage;
  }
  if (first === 'admin') {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(adminHelp);
      return exitCodes.ok;
    }
    return runGuarded('admin', () => runAdmin(rest, io), io);
  }
  const client = clientCommands[first];
  if (client) return runClientCommand(first, client, rest, io);
  if (
    first === '-h' ||
    first === '--help' ||
    first === 'help' ||
    rest.includes('--help') ||
    rest.includes('-h')
  ) {
    io.out(helpText);
    return exitCodes.ok;
  }
  if (first === '-v' || first === '--version') {
    io.out(cliVersion);
    return exitCodes.ok;
  }
  const command = commands[first];
  if (!command || rest.length > 0) {
    io.err(
      command
        ? `meanwhile ${first}: unexpected argument ${rest[0]}`
        : `meanwhile: unknown command "${first}"`,
    );
    io.err('Run "meanwhile --help" for usage.');
    return exitCodes.usage;
  }
  return runGuarded(first, () => command(io), io);
}

function isHelpWanted(args: string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}

async function runClientCommand(
  name: string,
  command: ClientCommand,
  args: string[],
  io: CliIo,
): Promise<number> {
  if (isHelpWanted(args)) {
    io.out(command.help);
    return exitCodes.ok;
  }
  return runGuarded(name, () => command.run(parseCommandLine(args, command.options), io), io, {
    isJson: args.includes('--json'),
  });
}

async function runGuarded(
  name: string,
  run: () => Promise<number>,
  io: CliIo,
  options: { isJson?: boolean } = {},
): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CliFailure) {
      // Under --json a script gets the server's problem document, one line of JSON, when there is one.
      if (options.isJson && error.problem !== undefined) io.err(JSON.stringify(error.problem));
      else io.err(`meanwhile ${name}: ${error.message}`);
      if (error instanceof UsageError) io.err(`Run "meanwhile ${name} --help" for usage.`);
      return error.exitCode;
    }
    const isConfigError = error instanceof Error && error.name === 'ConfigError';
    io.err(`meanwhile ${name}: ${describeError(error)}`);
    return isConfigError ? exitCodes.config : exitCodes.failure;
  }
}
