import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { toPageRequest } from '../../shared/keyset-page.js';
import { pageQuery } from '../../shared/page-query.js';
import { requireCaller } from '../../shared/require-caller.js';
import { serializeClearedSessionCookie, serializeSessionCookie } from './sessions.cookie.js';
import { idParams, loginBody, meResponse, sessionListResponse, signedInResponse } from './sessions.schema.js';
import {
  describeCaller,
  endSession,
  findCsrfSecret,
  listMySessions,
  login,
  sessionLifetimeMs,
} from './sessions.service.js';
import type { SessionDeps, SignedIn } from './sessions.service.js';

const tags = ['auth'];

/** The answer to a successful login, setup or invitation: the cookie is set on `reply` by the caller. */
export function toSignedInBody(signedIn: SignedIn) {
  const { person, workspace } = signedIn;
  return {
    csrfToken: signedIn.session.csrfSecret,
    person: { id: person.id, displayName: person.displayName, email: person.email },
    workspace: { id: workspace.id, name: workspace.name },
    role: signedIn.role,
  };
}

/** The `Set-Cookie` value for a new session; Secure when the request came over HTTPS. */
export function sessionCookieFor(request: FastifyRequest, token: string): string {
  const isSecure = request.protocol === 'https';
  return serializeSessionCookie(token, { isSecure, maxAgeSeconds: sessionLifetimeMs / 1000 });
}

/** Registers login, logout, `me` and the session list under `/api/v1`. */
export function registerSessionRoutes(app: FastifyInstance, deps: SessionDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/auth/login',
    { schema: { tags, summary: 'Log in', body: loginBody, response: { 200: signedInResponse } } },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const signedIn = await login(deps, { ...request.body, clientIp: request.ip, userAgent });
      reply.header('set-cookie', sessionCookieFor(request, signedIn.token));
      return toSignedInBody(signedIn);
    },
  );
  api.post('/api/v1/auth/logout', { schema: { tags, summary: 'Log out' } }, async (request, reply) => {
    const caller = requireCaller(request);
    if (caller.via === 'session') await endSession(deps, caller, caller.credentialId);
    reply.header('set-cookie', serializeClearedSessionCookie(request.protocol === 'https'));
    return reply.status(204).send();
  });
  api.get(
    '/api/v1/me',
    { schema: { tags, summary: 'Who am I', response: { 200: meResponse } } },
    async (request) => {
      const caller = requireCaller(request);
      const { person, workspace } = await describeCaller(deps, caller);
      const csrfToken = await findCsrfSecret(deps, caller);
      return {
        person: { id: person.id, displayName: person.displayName, email: person.email },
        workspace: { id: workspace.id, name: workspace.name },
        role: caller.role,
        via: caller.via,
        scope: caller.scope,
        ...(csrfToken ? { csrfToken } : {}),
      };
    },
  );
  registerSessionListRoutes(app, deps);
}

function registerSessionListRoutes(app: FastifyInstance, deps: SessionDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/sessions',
    {
      schema: {
        tags,
        summary: 'My sessions',
        querystring: pageQuery,
        response: { 200: sessionListResponse },
      },
    },
    async (request) => {
      const caller = requireCaller(request);
      const page = await listMySessions(deps, caller, toPageRequest(request.query));
      const items = page.items.map((s) => ({
        id: s.id,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        expiresAt: s.expiresAt,
        isCurrent: caller.via === 'session' && s.id === caller.credentialId,
      }));
      return { items, nextCursor: page.nextCursor };
    },
  );
  api.delete(
    '/api/v1/sessions/:id',
    { schema: { tags, summary: 'End one of my sessions', params: idParams } },
    async (request, reply) => {
      await endSession(deps, requireCaller(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
