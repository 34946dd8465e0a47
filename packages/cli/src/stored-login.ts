import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliFailure, exitCodes } from './exit-codes.js';

/** What `meanwhile login` remembers: the server, the token, and enough to revoke it on logout. */
export interface StoredLogin {
  url: string;
  token: string;
  /** The token's id when `login` created it, so `logout` can revoke it; absent for `login --token`. */
  tokenId?: string;
  email?: string;
  workspace?: string;
}

/** The server and token a command uses, and where they came from. */
export interface ActiveLogin {
  url: string;
  token: string;
  source: 'environment' | 'config';
}

const fileName = 'config.json';

/**
 * The folder of the CLI's settings: `%APPDATA%\meanwhile` on Windows, else `$XDG_CONFIG_HOME/meanwhile`,
 * else `~/.config/meanwhile`.
 */
export function configFolder(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'meanwhile');
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says relative values are invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(home, '.config');
  return join(base, 'meanwhile');
}

/** The path of the file that holds the stored login. */
export function configFile(folder: string): string {
  return join(folder, fileName);
}

function isStoredLogin(value: unknown): value is StoredLogin {
  const v = value as Partial<StoredLogin> | null;
  return typeof v === 'object' && v !== null && typeof v.url === 'string' && typeof v.token === 'string';
}

/** Reads the stored login; null when there is none. A damaged file is an error, not a silent logout. */
export async function readStoredLogin(folder: string): Promise<StoredLogin | null> {
  let text: string;
  try {
    text = await readFile(configFile(folder), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`${configFile(folder)} is not valid JSON`, exitCodes.config, { cause: error });
  }
  if (!isStoredLogin(parsed)) {
    throw new CliFailure(`${configFile(folder)} lacks "url" and "token"; log in again`, exitCodes.config);
  }
  return parsed;
}

/**
 * Stores the login readable by its owner only: the folder 0700, the file 0600, written to a temporary file
 * first so that a crash never leaves half a token behind. (Modes are ignored on Windows, where the
 * profile folder is already private to the user.)
 */
export async function writeStoredLogin(folder: string, login: StoredLogin): Promise<void> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const file = configFile(folder);
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  await chmod(partial, 0o600);
  await rename(partial, file);
}

/** Deletes the stored login; false when there was none. */
export async function forgetStoredLogin(folder: string): Promise<boolean> {
  const file = configFile(folder);
  try {
    await rm(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The login a command uses: `MEANWHILE_URL` and `MEANWHILE_TOKEN` override the stored one (for scripts and
 * CI); null when neither gives both a URL and a token.
 */
export function activeLogin(env: NodeJS.ProcessEnv, stored: StoredLogin | null): ActiveLogin | null {
  const envUrl = env.MEANWHILE_URL?.trim() || undefined;
  const envToken = env.MEANWHILE_TOKEN?.trim() || undefined;
  const url = envUrl ?? stored?.url;
  const token = envToken ?? stored?.token;
  if (!url || !token) return null;
  return { url, token, source: envUrl || envToken ? 'environment' : 'config' };
}
