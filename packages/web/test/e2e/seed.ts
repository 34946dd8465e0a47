// Seeds a workspace through the public API (never the database): the owner by the setup link, members by
// invitation links. Each person comes back with their password and a signed-in api-client.
import { createMeanwhileClient } from '@meanwhile/api-client';
import type { MeanwhileClient } from '@meanwhile/api-client';
import type { TestServer } from './test-server';

/** A seeded person: how to sign in as them, and a client signed in as them. */
export interface SeededPerson {
  id: string;
  displayName: string;
  email: string;
  password: string;
  client: MeanwhileClient;
}

/** Who to seed: the owner, and each member's name and IANA time zone. */
export interface SeedPlan {
  workspaceName?: string;
  owner?: { displayName?: string; email?: string; timeZone?: string };
  members?: { displayName: string; email?: string; timeZone?: string; role?: 'member' | 'admin' | 'guest' }[];
}

/** The seeded workspace. */
export interface SeededWorkspace {
  workspaceId: string;
  owner: SeededPerson;
  members: SeededPerson[];
}

/** A fetch that keeps the session cookie and sends its CSRF token, like a browser tab would. */
function sessionFetch(): { fetch: typeof globalThis.fetch; setCsrf(token: string): void } {
  let cookie = '';
  let csrf = '';
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (cookie) request.headers.set('cookie', cookie);
    if (csrf && request.method !== 'GET') request.headers.set('x-csrf-token', csrf);
    const response = await globalThis.fetch(request);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    return response;
  };
  return { fetch, setCsrf: (token) => (csrf = token) };
}

function fail(what: string, result: { error?: unknown; response: Response }): never {
  throw new Error(`${what} failed with ${result.response.status}: ${JSON.stringify(result.error)}`);
}

const password = 'correct horse battery staple';

/**
 * Sets up a workspace on `server` by its setup link, then invites and signs up each member.
 *
 * @example
 * ```ts
 * const { owner, members } = await seedWorkspace(server, { members: [{ displayName: 'Sam', timeZone: 'America/Los_Angeles' }] });
 * await owner.client.POST('/api/v1/channels', { body: { name: 'general' } });
 * ```
 */
export async function seedWorkspace(server: TestServer, plan: SeedPlan = {}): Promise<SeededWorkspace> {
  const session = sessionFetch();
  const client = createMeanwhileClient({ baseUrl: server.url, fetch: session.fetch });
  const token = decodeURIComponent(new URL(server.setupUrl).pathname.split('/').pop()!);
  const owner = {
    displayName: plan.owner?.displayName ?? 'Olivia Owner',
    email: plan.owner?.email ?? 'owner@example.com',
  };
  const setup = await client.POST('/api/v1/setup', {
    body: {
      token,
      workspaceName: plan.workspaceName ?? 'Acme',
      ...owner,
      password,
      timeZone: plan.owner?.timeZone ?? 'Europe/Berlin',
    },
  });
  if (!setup.data) fail('setup', setup);
  session.setCsrf(setup.data.csrfToken);
  const members: SeededPerson[] = [];
  for (const [i, member] of (plan.members ?? []).entries()) {
    const invitation = await client.POST('/api/v1/invitations', { body: { role: member.role ?? 'member' } });
    if (!invitation.data) fail('invitation', invitation);
    const memberSession = sessionFetch();
    const memberClient = createMeanwhileClient({ baseUrl: server.url, fetch: memberSession.fetch });
    const email = member.email ?? `member${i + 1}@example.com`;
    const inviteToken = decodeURIComponent(invitation.data.linkPath.split('/').pop()!);
    const accepted = await memberClient.POST('/api/v1/invitations/accept', {
      body: {
        token: inviteToken,
        email,
        displayName: member.displayName,
        password,
        ...(member.timeZone ? { timeZone: member.timeZone } : {}),
      },
    });
    if (!accepted.data) fail('accepting the invitation', accepted);
    memberSession.setCsrf(accepted.data.csrfToken);
    members.push({
      id: accepted.data.person.id,
      displayName: member.displayName,
      email,
      password,
      client: memberClient,
    });
  }
  return {
    workspaceId: setup.data.workspace.id,
    owner: { id: setup.data.person.id, ...owner, password, client },
    members,
  };
}
