import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server the dev server proxies to (`npm start` or `meanwhile serve` in another terminal).
const apiTarget = process.env.MEANWHILE_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The app uses the client's sources, so that a regenerated client needs no separate build.
    alias: {
      '@meanwhile/api-client': fileURLToPath(new URL('../api-client/src/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server serves /assets/<name> with a year-long cache: every file there must be content-hashed.
    assetsDir: 'assets',
    // Never inline assets as data: URLs; the CSP allows images and fonts from 'self' only.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
});
