import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

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

/** A fresh headless chromium with its own temporary profile (removed on close; closing twice is harmless). `sandbox` drops --no-sandbox. */
export async function launch(
  viewport = { width: 1920, height: 1080 },
  extra: { hasTouch?: boolean; extraHTTPHeaders?: Record<string, string> } = {},
  sandbox = false,
): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-chromium-'));
  const args = sandbox ? CHROMIUM_ARGS.filter((a) => a !== '--no-sandbox') : CHROMIUM_ARGS;
  try {
    // Loaded on first use: playwright-core costs the server about 68 MiB resident, and only an export needs it.
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args, viewport, deviceScaleFactor: 1, ...extra });
    let closing: Promise<void> | null = null;
    return {
      context,
      close: () => (closing ??= context.close().finally(() => rmSync(dir, { recursive: true, force: true }))),
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Why Chromium's sandbox cannot be used here, or null when it may be tried (it needs a non-root user and kernel namespaces). */
export function sandboxUnavailable(): string | null {
  if (process.env.IOC_CHROMIUM_SANDBOX === '0') return 'IOC_CHROMIUM_SANDBOX=0';
  if (process.getuid?.() === 0) return 'the server runs as root, where Chromium refuses its sandbox';
  return null;
}

/**
 * Chromium for rendering exports: with its sandbox where the machine allows it; otherwise (root,
 * or a sandboxed launch that fails: no user namespaces) without, saying why through `warn` once.
 */
export function exportLauncher(
  warn: (reason: string) => void,
): (viewport: { width: number; height: number }, extra: { extraHTTPHeaders?: Record<string, string> }) => Promise<Browser> {
  let noSandbox = sandboxUnavailable();
  let told = false;
  const fallback = (reason: string) => {
    noSandbox = reason;
    if (!told) warn(`briefing exports render without Chromium's sandbox: ${reason}`);
    told = true;
  };
  return async (viewport, extra) => {
    if (noSandbox !== null) {
      fallback(noSandbox);
      return launch(viewport, extra, false);
    }
    try {
      return await launch(viewport, extra, true);
    } catch (err) {
      // Only when the plain launch works was the sandbox the problem (not a missing browser).
      const plain = await launch(viewport, extra, false);
      fallback(`the sandboxed launch failed (${(err as Error).message.split('\n')[0]})`);
      return plain;
    }
  };
}
