import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/**
 * How the server is bundled for `npm start`: our TypeScript in one ES module per entry, the
 * packages left to node_modules. Run through a TypeScript loader, the server carried the
 * loader's own thread and every module's source map: about 78 MiB resident of a 300 MiB budget
 * (issue 16). The benchmarks bundle their server process the same way.
 */
export function serverBundle(root: string, entryPoints: Record<string, string>, outDir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Stack traces name the TypeScript lines with `node --enable-source-maps`.
    sourcemap: 'linked',
    logLevel: 'warning',
  };
}

/**
 * Bundle the server (dist/server/main.js). The sheet worker is its own entry, beside main.js
 * where `ingest/sheet/offthread.ts` finds it. Takes about a second; `npm start` always runs it,
 * so the bundle is never older than its sources.
 */
export async function buildServer(root: string, outDir: string): Promise<void> {
  const { build } = await import('esbuild');
  await build(serverBundle(root, { main: join(root, 'server/main.ts'), worker: join(root, 'server/ingest/sheet/worker.ts') }, outDir));
}
