import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One Vitest run covers every package; each package's tests sit next to its sources (STYLE.md §7).
export default defineConfig({
  resolve: {
    // Tests run against sources: the CLI's tests use the server and client code without building it first.
    alias: {
      '@meanwhile/server': fileURLToPath(new URL('./packages/server/src/index.ts', import.meta.url)),
      '@meanwhile/api-client': fileURLToPath(new URL('./packages/api-client/src/index.ts', import.meta.url)),
      '@meanwhile/time': fileURLToPath(new URL('./packages/time/src/index.ts', import.meta.url)),
    },
  },
  test: {
    // The web app's component tests are .test.tsx and pick jsdom per file (`// @vitest-environment jsdom`).
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
