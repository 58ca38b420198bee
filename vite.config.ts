import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const backend = `http://127.0.0.1:${process.env.PORT ?? 8080}`;

export default defineConfig({
  root: 'web',
  publicDir: false,
  plugins: [svelte({ configFile: false })],
  // A wall compares this with the server's heartbeat and reloads itself after an upgrade.
  define: { __APP_VERSION__: JSON.stringify(version) },
  resolve: {
    // Svelte component tests need the browser build of svelte.
    ...(process.env.VITEST && { conditions: ['browser'] }),
    // deck.gl's WebGPU-only attribute groups (built only on a 'webgpu' device): the map is WebGL (web/map/no-webgpu-groups.ts).
    alias: [
      { find: /^\.\/attribute-buffer-groups\.js$/, replacement: fileURLToPath(new URL('./web/map/no-webgpu-groups.ts', import.meta.url)) },
      // Nothing is given to deck.gl as a URL, so nothing is loaded with loaders.gl (web/map/no-loaders.ts).
      { find: /^@loaders\.gl\/(core|images)$/, replacement: fileURLToPath(new URL('./web/map/no-loaders.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // Which chunks each mode loads: the bundle benchmark weighs the wall's from it.
    manifest: true,
    rolldownOptions: {
      // server/protocol/ is the contract shared with the server: definitions only, no I/O. The web
      // app uses its constants and types, not its zod schemas: without this, building the schemas
      // at the top of a module counts as a side effect and pulls zod into the bundle.
      treeshake: { moduleSideEffects: [{ test: /[\\/]server[\\/]protocol[\\/]/, sideEffects: false }] },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/socket.io': { target: backend, ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['server/**/*.test.ts', 'geo/**/*.test.ts', 'web/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: ['tests/e2e/soak.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Real PostgreSQL and Redis (Debian's), each test file starting its own: the store
          // contract on PostgreSQL, and several server nodes.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'soak',
          include: ['tests/e2e/soak.test.ts'],
          environment: 'node',
          testTimeout: 1_800_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
