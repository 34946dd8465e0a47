/** Exit codes of the `meanwhile` command that scripts can rely on (sysexits.h where one fits). */
export const exitCodes = {
  /** It worked. */
  ok: 0,
  /** It failed at run time: the database could not be opened, the port is taken, the server answered 5xx… */
  failure: 1,
  /** The server refused the request (a 4xx other than 401: not found, invalid, forbidden, rate limited). */
  apiError: 2,
  /** Not logged in, or the server refused the token (401): run `meanwhile login <url>`. */
  notLoggedIn: 3,
  /** Nothing was done because the command does not apply here: `backup` on PostgreSQL (use pg_dump). */
  notApplicable: 4,
  /** The command line is wrong: an unknown command or option, a missing argument. */
  usage: 64,
  /** The server could not be reached (refused, unknown host, timed out). */
  unreachable: 69,
  /** An output file could not be created: `backup` onto an existing file without `--force`. */
  cannotCreate: 73,
  /** The environment does not describe a valid configuration. */
  config: 78,
} as const;

/** One line per exit code, for `--help`. */
export const exitCodesHelp = `Exit codes:
  0  success
  1  run-time failure (database, port, a 5xx answer from the server)
  2  the server refused the request (4xx other than 401; its problem title and detail go to stderr)
  3  not logged in, or the token was refused (401)
  4  not applicable here: backup on PostgreSQL (use pg_dump, as printed)
  64 wrong command line
  69 the server could not be reached
  73 the output file exists (backup without --force)
  78 invalid configuration`;

/** A failure that ends a command with a specific exit code and a message for stderr. */
export class CliFailure extends Error {
  /** The server's problem document, printed as JSON on stderr under `--json`. */
  readonly problem: unknown;

  constructor(
    message: string,
    readonly exitCode: number,
    options: { problem?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliFailure';
    this.problem = options.problem;
  }
}

/** A wrong command line (exit code 64). */
export class UsageError extends CliFailure {
  constructor(message: string) {
    super(message, exitCodes.usage);
    this.name = 'UsageError';
  }
}
