import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** Where the data lives: the embedded SQLite file, or a PostgreSQL server. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The server's settings, read once from the environment at startup (STYLE.md §5). */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data folder (the SQLite file and other local state). */
  dataDir: string;
  database: DatabaseConfig;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Enables test-only shortcuts (e.g. cheaper password hashing). Never set in production. */
  isTestMode: boolean;
  /** Trust `X-Forwarded-For` and `X-Forwarded-Proto` (set only behind a reverse proxy). */
  trustProxy: boolean;
  /** Where digests are mailed through; null: digests are not sent. */
  mail: { smtpUrl: string; from: string; publicUrl: string | null } | null;
}

/** Thrown when the environment does not describe a valid configuration; its message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'], { error: 'must be one of 1, 0, true, false, yes, no' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be between 0 and 65535' })
    .max(65535, { error: 'must be between 0 and 65535' })
    .default(8080),
  HOST: z.string().default('0.0.0.0'),
  MEANWHILE_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be fatal, error, warn, info, debug, trace or silent',
    })
    .default('info'),
  MEANWHILE_TEST_MODE: flag.default(false),
  TRUST_PROXY: flag.default(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, { error: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().max(320).default('Meanwhile <meanwhile@localhost>'),
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, { error: 'must be an http:// or https:// URL' })
    .optional(),
});

/**
 * Reads the configuration from environment variables. Empty variables count as unset.
 *
 * @param env - the environment, `process.env` by default.
 * @param cwd - the folder a relative `MEANWHILE_DATA_DIR` is resolved against.
 * @throws ConfigError naming each invalid variable and why.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const present = Object.fromEntries(
    Object.keys(envSchema.shape)
      .map((key) => [key, env[key]?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const dataDir = isAbsolute(e.MEANWHILE_DATA_DIR)
    ? e.MEANWHILE_DATA_DIR
    : resolve(cwd, e.MEANWHILE_DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: join(dataDir, 'meanwhile.sqlite') },
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    isTestMode: e.MEANWHILE_TEST_MODE,
    trustProxy: e.TRUST_PROXY,
    mail: e.SMTP_URL
      ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, publicUrl: e.PUBLIC_URL?.replace(/\/+$/, '') ?? null }
      : null,
  };
}

/** The database location with any password replaced, safe to print or log. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return `SQLite at ${database.file}`;
  try {
    const url = new URL(database.url);
    if (url.password) url.password = '***';
    return `PostgreSQL at ${url.toString()}`;
  } catch {
    return 'PostgreSQL (unparseable URL)';
  }
}
