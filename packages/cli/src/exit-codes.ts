/** Exit codes of the `meanwhile` command that scripts can rely on (sysexits.h where one fits). */
export const exitCodes = {
  /** It worked. */
  ok: 0,
  /** It failed at run time: the database could not be opened or migrated, the port is taken, … */
  failure: 1,
  /** The command line is wrong: an unknown command or option. */
  usage: 64,
  /** The environment does not describe a valid configuration. */
  config: 78,
} as const;
