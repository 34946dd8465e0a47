import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import type { MeanwhileClient } from '@meanwhile/api-client';
import { connect, expectOk } from './api-call.js';
import { CliFailure, UsageError, exitCodes } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { activeLogin, configFolder, readStoredLogin } from './stored-login.js';

/** The options a command accepts, in `node:util` `parseArgs` form. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** A command line after parsing. */
export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** A `meanwhile` subcommand of the API client (or `backup`). */
export interface ClientCommand {
  /** One line for `meanwhile --help`. */
  summary: string;
  /** The whole `meanwhile <command> --help`. */
  help: string;
  options: OptionSpecs;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Parses `args` strictly against `options`; a wrong command line throws {@link UsageError}. */
export function parseCommandLine(args: string[], options: OptionSpecs): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The folder of the stored login (tests pass their own). */
export function configFolderOf(io: CliIo): string {
  return io.configDir ?? configFolder(io.env);
}

/** A logged-in connection to the server. */
export interface ApiSession {
  url: string;
  client: MeanwhileClient;
  /** Awaits a call and returns its data, or throws a {@link CliFailure} with the right exit code. */
  call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;
}

/** Connects with the active login (environment, then stored); exit code 3 when there is none. */
export async function openSession(io: CliIo): Promise<ApiSession> {
  const login = activeLogin(io.env, await readStoredLogin(configFolderOf(io)));
  if (!login) {
    throw new CliFailure(
      'not logged in: run "meanwhile login <url>", or set MEANWHILE_URL and MEANWHILE_TOKEN',
      exitCodes.notLoggedIn,
    );
  }
  return {
    url: login.url,
    client: connect(login.url, login.token),
    call: async (request) => {
      try {
        return await expectOk(login.url, request);
      } catch (error) {
        if (!(error instanceof CliFailure) || error.exitCode !== exitCodes.notLoggedIn) throw error;
        const hint =
          login.source === 'environment'
            ? 'check MEANWHILE_TOKEN'
            : `log in again: meanwhile login ${login.url}`;
        throw new CliFailure(`${error.message}\n  ${hint}`, error.exitCode, { problem: error.problem });
      }
    },
  };
}

/**
 * The text of a post: the words after the target, or standard input when there are none or a lone `-`.
 * Trailing white space is dropped; empty text is a usage error.
 */
export async function readPostText(io: CliIo, words: string[]): Promise<string> {
  const isStdin = words.length === 0 || (words.length === 1 && words[0] === '-');
  let text: string;
  if (isStdin) {
    if (!io.readStdin) throw new UsageError('give the text, or - to read it from standard input');
    text = await io.readStdin();
  } else {
    text = words.join(' ');
  }
  text = text.trimEnd();
  if (text.trim() === '') throw new UsageError('the text is empty');
  return text;
}

/** Prints a value as pretty JSON for scripts (`--json`). */
export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
