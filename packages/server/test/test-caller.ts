import type { FastifyInstance } from 'fastify';
import type { Caller } from '../src/shared/caller.js';

/** The test headers that {@link installTestCaller} reads. */
export const testCallerHeaders = { workspace: 'x-test-workspace', person: 'x-test-person' } as const;

/**
 * A stand-in for authentication in platform tests: sets `request.caller` from `X-Test-Workspace` and
 * `X-Test-Person` (anonymous without them). Call it before adding routes.
 */
export function installTestCaller(app: FastifyInstance): void {
  if (!app.hasRequestDecorator('caller')) app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    const workspaceId = request.headers[testCallerHeaders.workspace];
    const personId = request.headers[testCallerHeaders.person];
    const caller: Caller | null =
      typeof workspaceId === 'string' && typeof personId === 'string'
        ? { workspaceId, personId, role: 'member', via: 'token', scope: 'read-write', credentialId: 't' }
        : null;
    (request as unknown as { caller: Caller | null }).caller = caller;
  });
}

/** Headers that make a request come from `personId` of `workspaceId`. */
export function asCaller(workspaceId: string, personId: string): Record<string, string> {
  return { [testCallerHeaders.workspace]: workspaceId, [testCallerHeaders.person]: personId };
}
