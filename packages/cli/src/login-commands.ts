import { hostname } from 'node:os';
import { connect, expectOk } from './api-call.js';
import type { ClientCommand } from './client-command.js';
import { configFolderOf, openSession, printJson } from './client-command.js';
import { CliFailure, exitCodes, UsageError } from './exit-codes.js';
import type { CliIo } from './run-cli.js';
import { configFile, forgetStoredLogin, readStoredLogin, writeStoredLogin } from './stored-login.js';
import type { StoredLogin } from './stored-login.js';

/** The server's address as given (`localhost:8080`, `https://mw.example.com/`), normalised. */
export function normalizeServerUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('the URL must be http(s)');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

async function ask(io: CliIo, question: string, isSecret: boolean, option: string): Promise<string> {
  if (!io.prompt) throw new UsageError(`give ${option} (there is no terminal to ask on)`);
  return (await io.prompt(question, { isSecret })).trim();
}

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (!fromStdin) return ask(io, 'Password: ', true, '--password-stdin');
  if (!io.readStdin) throw new UsageError('--password-stdin needs standard input');
  return (await io.readStdin()).split(/\r?\n/)[0] ?? '';
}

// Logs in with a password, creates a read-write token with the session, then ends the session: the CLI
// keeps only the token, which the person can see and revoke in their settings.
async function createTokenWithPassword(io: CliIo, url: string, values: Record<string, unknown>) {
  const email = typeof values.email === 'string' ? values.email : await ask(io, 'E-mail: ', false, '--email');
  const password = await readPassword(io, values['password-stdin'] === true);
  if (email === '' || password === '') throw new UsageError('the e-mail and the password are required');
  const workspaceId = typeof values.workspace === 'string' ? values.workspace : undefined;
  const anonymous = connect(url);
  const attempt = anonymous.POST('/api/v1/auth/login', {
    body: { email, password, ...(workspaceId ? { workspaceId } : {}) },
  });
  const signedIn = await expectOk(url, attempt);
  const cookie = (await attempt).response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': signedIn.csrfToken };
  const name = `meanwhile CLI on ${hostname()}`.slice(0, 100);
  const created = await expectOk(
    url,
    anonymous.POST('/api/v1/tokens', { body: { name, scope: 'read-write' }, headers }),
  );
  await anonymous.POST('/api/v1/auth/logout', { headers }).catch(() => undefined);
  return { token: created.token, tokenId: created.id };
}

const login: ClientCommand = {
  summary: 'Log in to a server and store a personal API token.',
  help: `Usage: meanwhile login <url> [--email <e-mail>] [--password-stdin] [--workspace <id>]
       meanwhile login <url> --token <token | ->

Logs in with your e-mail and password (asked for when not given), creates a read-write personal API token
named "meanwhile CLI on <host>", and stores the URL and token in your config folder, readable only by you
($XDG_CONFIG_HOME/meanwhile/config.json or ~/.config/meanwhile/config.json; %APPDATA%\\meanwhile on
Windows). Your password is never stored. MEANWHILE_URL and MEANWHILE_TOKEN, when set, override the stored
login (for scripts and CI).
  --email <e-mail>     your e-mail
  --password-stdin     read the password from the first line of standard input
  --workspace <id>     the workspace to log in to, when you belong to several (default: your oldest)
  --token <token|->    store this existing token instead (- reads it from standard input)`,
  options: {
    email: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    workspace: { type: 'string' },
    token: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new UsageError('give the server: meanwhile login <url>');
    const url = normalizeServerUrl(positionals[0]!);
    if (!isLoopback(url) && url.startsWith('http:')) {
      io.err(`warning: ${url} is not HTTPS; your password and token cross the network unencrypted.`);
    }
    let credentials: { token: string; tokenId?: string };
    if (typeof values.token === 'string') {
      const given = values.token === '-' ? ((await io.readStdin?.()) ?? '') : values.token;
      credentials = { token: given.trim() };
    } else {
      credentials = await createTokenWithPassword(io, url, values);
    }
    const me = await expectOk(url, connect(url, credentials.token).GET('/api/v1/me'));
    const stored: StoredLogin = {
      url,
      ...credentials,
      email: me.person.email,
      workspace: me.workspace.name,
    };
    const folder = configFolderOf(io);
    await writeStoredLogin(folder, stored);
    io.out(`Logged in to ${url} as ${me.person.email} in ${me.workspace.name} (${me.scope} token).`);
    io.out(`The token is stored in ${configFile(folder)}.`);
    return exitCodes.ok;
  },
};

const logout: ClientCommand = {
  summary: 'Revoke the stored token and forget it.',
  help: `Usage: meanwhile logout

Revokes the token that meanwhile login created and deletes the stored login. A token stored with
--token is only forgotten here; revoke it where it was made. MEANWHILE_URL and MEANWHILE_TOKEN are not
affected. When the server cannot be reached, the login is still forgotten and the exit code says so.`,
  options: {},
  async run(_args, io) {
    const folder = configFolderOf(io);
    const stored = await readStoredLogin(folder);
    if (!stored) {
      io.out('Not logged in.');
      return exitCodes.ok;
    }
    let failure: CliFailure | undefined;
    if (stored.tokenId) {
      const client = connect(stored.url, stored.token);
      try {
        await expectOk(
          stored.url,
          client.DELETE('/api/v1/tokens/{id}', { params: { path: { id: stored.tokenId } } }),
        );
      } catch (error) {
        // A 401 means the token is already revoked or expired: nothing is left to do on the server.
        if (!(error instanceof CliFailure)) throw error;
        if (error.exitCode !== exitCodes.notLoggedIn) failure = error;
      }
    }
    await forgetStoredLogin(folder);
    if (failure) {
      io.err(`meanwhile logout: could not revoke the token: ${failure.message}`);
      io.err('The login is forgotten here, but the token stays valid until you revoke it in your settings.');
      return failure.exitCode;
    }
    io.out(`Logged out of ${stored.url}${stored.tokenId ? ' and revoked the token' : ''}.`);
    return exitCodes.ok;
  },
};

const whoami: ClientCommand = {
  summary: 'Show who you are logged in as.',
  help: `Usage: meanwhile whoami [--json]

Shows the server, person, workspace, role and token scope of the active login.
  --json   print the server's answer to GET /api/v1/me as JSON instead`,
  options: { json: { type: 'boolean' } },
  async run({ values }, io) {
    const session = await openSession(io);
    const me = await session.call(session.client.GET('/api/v1/me'));
    if (values.json) {
      printJson(io, me);
      return exitCodes.ok;
    }
    io.out(`${me.person.displayName} <${me.person.email}> on ${session.url}`);
    io.out(`${me.role} of ${me.workspace.name} (${me.workspace.id}), ${me.scope} ${me.via}`);
    return exitCodes.ok;
  },
};

/** The commands about the login: `login`, `logout`, `whoami`. */
export const loginCommands: Record<string, ClientCommand> = { login, logout, whoami };
