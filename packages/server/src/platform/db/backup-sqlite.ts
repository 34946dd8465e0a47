import { constants, existsSync } from 'node:fs';
import { copyFile, link, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/** What {@link backupSqlite} wrote. */
export interface SqliteBackupResult {
  file: string;
  bytes: number;
}

// The most pages sqlite3_backup_step may copy at once: with it the copy runs in one step, under one read
// transaction, so it is a consistent snapshot and cannot be restarted forever by a busy writer.
const allPages = 0x7fffffff;

// Puts `from` at `to` unless `to` exists (EEXIST). A hard link is atomic; file systems without them get
// an exclusive copy.
async function linkExclusively(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    await copyFile(from, to, constants.COPYFILE_EXCL);
  }
}

/**
 * Copies a live SQLite database to `target` with SQLite's online backup API, while the server keeps
 * serving: readers and the writer are not blocked beyond the copy itself, and the copy is a consistent
 * snapshot of the committed data (WAL included). The copy is written beside `target` first and moved into
 * place only when complete, so `target` never holds half a backup.
 *
 * @param source - the database file (`config.database.file`); it must exist.
 * @param target - where to write the backup.
 * @param options.overwrite - replace an existing `target`; otherwise an existing file makes it throw
 *   an error with code `EEXIST`, checked atomically.
 */
export async function backupSqlite(
  source: string,
  target: string,
  options: { overwrite?: boolean } = {},
): Promise<SqliteBackupResult> {
  if (!existsSync(source)) throw new Error(`there is no database at ${source}`);
  const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
  const database = new BetterSqlite3(source, { fileMustExist: true });
  try {
    database.pragma('busy_timeout = 5000');
    await database.backup(partial, { progress: () => allPages });
  } catch (error) {
    await rm(partial, { force: true });
    throw new Error(`could not back up ${source}`, { cause: error });
  } finally {
    database.close();
  }
  try {
    if (options.overwrite) await rename(partial, target);
    else await linkExclusively(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
  return { file: target, bytes: (await stat(target)).size };
}
