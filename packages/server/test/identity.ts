// Factories for identity tests: owners, members, sessions and tokens made through the real endpoints.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { DatabaseHandle } from '../src/platform/db/open-database.js';
import { createOwner } from '../src/modules/setup/index.js';
import type { Role } from '../src/shared/database.js';
import { createPasswordHasher } from '../src/shared/passwords.js';

/** The password every test account gets. */
export const testPassword = 'correct horse battery staple';

/** A signed-in browser: its session cookie and CSRF token. */
export interface TestSession {
  cookie: string;
  csrfToken: string;
  personId: string;
  workspaceId: string;
  email: string;
}

/** A unique e-mail address for this run. */
export function uniqueEmail(name = 'person'): string {
  return `${name}-${randomBytes(5).toString('hex')}@example.com`;
}

/** The `mw_session=…` pair from a response's Set-Cookie. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  expect(value).toMatch(/^mw_session=/);
  return value!.split(';')[0]!;
}

/** Headers of a cookie-authenticated request with the CSRF token. */
export function asSession(session: TestSession): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/** Headers of a bearer-authenticated request. */
export function asToken(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function toSession(response: LightMyRequestResponse, email: string): TestSession {
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<{ csrfToken: string; person: { id: string }; workspace: { id: string } }>();
  return {
    cookie: sessionCookieOf(response),
    csrfToken: body.csrfToken,
    personId: body.person.id,
    workspaceId: body.workspace.id,
    email,
  };
}

/** Logs in with the test password. */
export async function logIn(app: FastifyInstance, email: string, workspaceId?: string): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: testPassword, ...(workspaceId ? { workspaceId } : {}) },
  });
  return toSession(response, email);
}

/** A new workspace and its owner (made as `meanwhile admin create-owner` does), logged in. */
export async function createOwnerSession(
  app: FastifyInstance,
  database: DatabaseHandle,
): Promise<TestSession> {
  const email = uniqueEmail('owner');
  const deps = { db: database.db, hasher: createPasswordHasher('fast'), now: Date.now };
  await createOwner(deps, { email, displayName: 'Owner', workspaceName: 'Acme', password: testPassword });
  return logIn(app, email);
}

/** Invites someone with a role; returns the link's token. */
export async function invite(
  app: FastifyInstance,
  by: TestSession,
  role: Exclude<Role, 'owner'>,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations',
    headers: asSession(by),
    payload: { role },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ linkPath: string }>().linkPath.replace('/invite/', '');
}

/** Accepts an invitation as a new person. */
export async function accept(
  app: FastifyInstance,
  token: string,
  email = uniqueEmail(),
): Promise<TestSession> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/invitations/accept',
    payload: { token, email, displayName: 'Invitee', password: testPassword },
  });
  return toSession(response, email);
}

/** A new member of `owner`'s workspace with a role, logged in. */
export async function addPerson(app: FastifyInstance, owner: TestSession, role: Exclude<Role, 'owner'>) {
  return accept(app, await invite(app, owner, role));
}

/** Creates an API token for a session; returns the secret. */
export async function createToken(
  app: FastifyInstance,
  session: TestSession,
  scope: 'read' | 'read-write' = 'read-write',
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: asSession(session),
    payload: { name: 'test', scope },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ token: string }>().token;
}
