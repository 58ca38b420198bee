import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

/** True when the built app is missing or older than its sources. */
export function webBuildNeeded(root: string, outDir: string): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['web', 'server/protocol', 'vite.config.ts', 'package.json', 'package-lock.json'].map((p) => join(root, p)).filter(existsSync);
  return Math.max(...sources.map(newest)) > statSync(index).mtimeMs;
}

/** Build the web app with vite (only when needed). */
export async function ensureWebBuilt(root: string, outDir: string, log: (msg: string) => void): Promise<void> {
  if (!webBuildNeeded(root, outDir)) return;
  log('building the web app (vite build)…');
  const { build } = await import('vite');
  // As `vite build` does: run from tsx (npm start's first step, the benchmarks) without NODE_ENV,
  // the build resolved svelte's development code: 606 kB of wall JavaScript against 596 kB.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  log('web app built');
}
