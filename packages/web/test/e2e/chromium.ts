// Launches Debian's Chromium (`apt-get install chromium`, as .ci/run does) through playwright-core: no
// browser download, a fresh profile per launch, the flags of a quiet, offline-friendly headless run.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Where the browser is; `MEANWHILE_CHROMIUM` overrides Debian's path. */
export const chromiumPath = process.env.MEANWHILE_CHROMIUM ?? '/usr/bin/chromium';

/** Whether the browser is installed here. */
export const isChromiumAvailable = existsSync(chromiumPath);

/** The flags every run uses (playwright-core adds `--headless` itself and the profile folder). */
export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running browser with one page, and how to end it (the profile folder is removed). */
export interface Browser {
  context: BrowserContext;
  page: Page;
  /**
   * What the pages logged as a console error, and uncaught page errors: CSP violations land here. An HTTP
   * error answer (the 401 of `GET /api/v1/me` when signed out) is a normal outcome and is left out.
   */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Starts Chromium headless with a fresh `--user-data-dir` (a persistent context over a temporary folder)
 * and one page at `viewport` (desktop by default; pass `{ width: 360, height: 740 }` for a phone).
 */
export async function launchChromium(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'meanwhile-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (message) => {
    const isHttpError = message.text().startsWith('Failed to load resource: the server responded');
    if (message.type() === 'error' && !isHttpError) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
