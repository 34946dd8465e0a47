import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClientCommand } from './client-command.js';
import { CliFailure, exitCodes, UsageError } from './exit-codes.js';

function quoteForShell(path: string): string {
  return /^[\w./:@-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** `meanwhile backup <file>`: an online SQLite backup, or how to use pg_dump. */
export const backupCommand: ClientCommand = {
  summary: 'Back up the database to a file (SQLite), or say how (PostgreSQL).',
  help: `Usage: meanwhile backup <file> [--force]

With SQLite (the default), writes a consistent copy of the database to <file> while the server keeps
running (SQLite's online backup API); the copy is a complete SQLite database, restored by stopping the
server and putting it in place of data/meanwhile.sqlite. An existing <file> is not replaced (exit code 73)
unless --force is given.
With PostgreSQL (DATABASE_URL), nothing is written: it prints how to back up with pg_dump and exits with
code 4.
It reads the same environment as meanwhile serve (MEANWHILE_DATA_DIR, DATABASE_URL).
  --force   replace <file> if it exists`,
  options: { force: { type: 'boolean' } },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give the file to write: meanwhile backup <file>');
    const server = await import('@meanwhile/server');
    const config = server.loadConfig(io.env, io.cwd);
    const target = resolve(io.cwd, positionals[0]!);
    if (config.database.kind === 'postgres') {
      const file = quoteForShell(positionals[0]!);
      io.err(`meanwhile backup: the database is ${server.describeDatabase(config.database)}.`);
      io.err('Back it up with pg_dump, which takes a consistent snapshot while Meanwhile keeps running:');
      io.err(`  pg_dump --format=custom --file ${file} "$DATABASE_URL"`);
      io.err('and restore it into an empty database with:');
      io.err(`  pg_restore --no-owner --dbname "$DATABASE_URL" ${file}`);
      return exitCodes.notApplicable;
    }
    const exists = () =>
      new CliFailure(`${target} exists; pass --force to replace it`, exitCodes.cannotCreate);
    if (!values.force && existsSync(target)) throw exists();
    try {
      const result = await server.backupSqlite(config.database.file, target, {
        overwrite: values.force === true,
      });
      io.out(
        `Backed up ${server.describeDatabase(config.database)} to ${result.file} (${result.bytes} bytes).`,
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw error;
    }
    return exitCodes.ok;
  },
};
