import { defineConfig } from 'vitest/config';

// One Vitest run covers every package; each package's tests sit next to its sources (STYLE.md §7).
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
