import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionCookieFor, signedInResponse, toSignedInBody } from '../sessions/index.js';
import { setupBody } from './setup.schema.js';
import { completeSetup } from './setup.service.js';
import type { SetupDeps } from './setup.service.js';

/** Registers `POST /api/v1/setup`, which the one-time setup link's page calls. */
export function registerSetupRoutes(app: FastifyInstance, deps: SetupDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create the first owner and workspace with the setup link',
        body: setupBody,
        response: { 200: signedInResponse },
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'];
      const signedIn = await completeSetup(deps, { ...request.body, clientIp: request.ip, userAgent });
      reply.header('set-cookie', sessionCookieFor(request, signedIn.token));
      return toSignedInBody(signedIn);
    },
  );
}
