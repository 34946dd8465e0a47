// The setup most browser suites share: a test server with its clock set, a seeded workspace and Chromium;
// a channel with a first thread made through the API; and signing a person in through the sign-in screen.
import type { MeanwhileClient } from '@meanwhile/api-client';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import type { Browser } from './chromium';
import { seedWorkspace } from './seed';
import type { SeedPlan, SeededPerson, SeededWorkspace } from './seed';
import { startTestServer } from './test-server';
import type { TestServer } from './test-server';

/** A running server with a seeded workspace, and a browser to drive it. */
export interface BrowserWorkspace {
  server: TestServer;
  seeded: SeededWorkspace;
  browser: Browser;
}

/**
 * Starts a test server, sets its clock to `now`, seeds the workspace of `plan` and launches Chromium. If a
 * step fails, what was already started is closed before the error is thrown.
 *
 * @example
 * ```ts
 * ({ server, seeded, browser } = await startBrowserWorkspace({ now: '2026-11-30T09:00:00.000Z', plan: {} }));
 * ```
 */
export async function startBrowserWorkspace(options: {
  now: string;
  plan: SeedPlan;
}): Promise<BrowserWorkspace> {
  const server = await startTestServer();
  try {
    await server.setClock({ now: options.now });
    const seeded = await seedWorkspace(server, options.plan);
    const browser = await launchChromium();
    return { server, seeded, browser };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** Creates a channel through the API and answers its id. */
export async function createChannel(
  client: MeanwhileClient,
  channel: { name: string; description: string; visibility: 'public' | 'private' },
): Promise<string> {
  const created = await client.POST('/api/v1/channels', { body: channel });
  if (!created.data) throw new Error(`creating the channel failed: ${created.response.status}`);
  return created.data.id;
}

/** Starts a thread in a channel through the API and answers the thread's id. */
export async function createThread(
  client: MeanwhileClient,
  channelId: string,
  thread: { title: string; markdown: string },
): Promise<string> {
  const created = await client.POST('/api/v1/channels/{id}/threads', {
    params: { path: { id: channelId } },
    body: thread,
  });
  if (!created.data) throw new Error(`creating the thread failed: ${created.response.status}`);
  return created.data.thread.id;
}

/** Signs `person` in through the sign-in screen and waits for the inbox. */
export async function signInThroughUi(page: Page, serverUrl: string, person: SeededPerson): Promise<void> {
  await page.goto(`${serverUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Inbox' }).waitFor();
}
