import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './login-commands.js';
import { activeLogin, configFolder } from './stored-login.js';

describe('the stored login', () => {
  it.each([
    [{ XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/x/cfg/meanwhile'],
    [{ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ana/.config/meanwhile'],
    [{}, 'darwin', '/home/ana/.config/meanwhile'],
    [{ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana\\AppData\\Roaming/meanwhile'],
  ] as const)('lives in the config folder of %j on %s', (env, platform, expected) => {
    expect(configFolder(env, platform, '/home/ana')).toBe(expected);
  });

  it('is overridden by MEANWHILE_URL and MEANWHILE_TOKEN', () => {
    const stored = { url: 'http://a', token: 'mw_stored' };
    expect(activeLogin({}, stored)).toEqual({ ...stored, source: 'config' });
    expect(activeLogin({ MEANWHILE_TOKEN: 'mw_env' }, stored)).toEqual({
      url: 'http://a',
      token: 'mw_env',
      source: 'environment',
    });
    expect(activeLogin({ MEANWHILE_URL: 'http://b' }, null)).toBeNull();
    expect(activeLogin({ MEANWHILE_URL: 'http://b', MEANWHILE_TOKEN: 'mw_env' }, null)).toMatchObject({
      url: 'http://b',
    });
  });

  it.each([
    ['localhost:8080', 'http://localhost:8080'],
    ['https://mw.example.com/', 'https://mw.example.com'],
    ['https://example.com/meanwhile//', 'https://example.com/meanwhile'],
  ])('normalises the server address %s', (raw, expected) => {
    expect(normalizeServerUrl(raw)).toBe(expected);
  });

  it('refuses addresses that are not http(s) URLs', () => {
    expect(() => normalizeServerUrl('ftp://example.com')).toThrow('http(s)');
    expect(() => normalizeServerUrl('http://')).toThrow('not a URL');
  });
});
