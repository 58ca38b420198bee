import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`), or IOC_CHROMIUM / CHROMIUM_PATH. */
export const CHROMIUM = process.env.IOC_CHROMIUM ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that work headless and offline here (software WebGL2 through SwiftShader). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless chromium with its own temporary profile (removed on close). */
export async function launch(viewport = { width: 1920, height: 1080 }, extra: { hasTouch?: boolean; extraHTTPHeaders?: Record<string, string> } = {}): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport, deviceScaleFactor: 1, ...extra });
    return {
      context,
      async close() {
        await context.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
