import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('serves SQLite in ./data on 0.0.0.0:8080 when nothing is set', () => {
    expect(loadConfig({}, '/srv/app')).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/app/data',
      database: { kind: 'sqlite', file: '/srv/app/data/meanwhile.sqlite' },
      nodeEnv: 'development',
      logLevel: 'info',
      isTestMode: false,
      trustProxy: false,
      mail: null,
    });
  });

  it('reads the mail settings of digests, without a trailing slash on PUBLIC_URL', () => {
    expect(
      loadConfig(
        {
          SMTP_URL: 'smtp://mail:2525',
          MAIL_FROM: 'Team <team@example.com>',
          PUBLIC_URL: 'https://mw.example.com/',
        },
        '/x',
      ).mail,
    ).toEqual({
      smtpUrl: 'smtp://mail:2525',
      from: 'Team <team@example.com>',
      publicUrl: 'https://mw.example.com',
    });
    expect(() => loadConfig({ SMTP_URL: 'http://mail' }, '/x')).toThrow(/SMTP_URL must be an smtp/);
  });

  it('reads every variable, and switches to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        MEANWHILE_DATA_DIR: '/var/lib/meanwhile',
        DATABASE_URL: 'postgres://app:pw@db:5432/meanwhile',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        MEANWHILE_TEST_MODE: 'true',
        TRUST_PROXY: '1',
      },
      '/ignored',
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      dataDir: '/var/lib/meanwhile',
      database: { kind: 'postgres', url: 'postgres://app:pw@db:5432/meanwhile' },
      nodeEnv: 'production',
      logLevel: 'warn',
      isTestMode: true,
      trustProxy: true,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }, '/x')).toMatchObject({
      port: 8080,
      database: { kind: 'sqlite' },
    });
  });

  it('names every invalid variable and why', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }, '/x');
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT must be a whole number');
      expect(message).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
      expect(message).toContain('LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent');
    }
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' }, '/x')).toThrow('PORT must be between 0 and 65535');
  });
});

describe('describeDatabase', () => {
  it('hides the PostgreSQL password', () => {
    const text = describeDatabase({ kind: 'postgres', url: 'postgres://app:s3cret@db:5432/mw' });
    expect(text).not.toContain('s3cret');
    expect(text).toContain('db:5432/mw');
  });
});
