import { readFetch } from './access.js';

/** GET JSON with the read token and a time limit: a hung server must not hang a screen. */
export async function getJson<T>(path: string, token: string | null, timeoutMs = 15_000, cancel?: AbortSignal): Promise<T> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  cancel?.addEventListener('abort', () => ctl.abort(), { once: true });
  try {
    const r = await readFetch(path, token, ctl.signal);
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return (await r.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}

/** `?asOf=` for the read API, or nothing for the live state. */
export const asOfQuery = (asOf: string | null): string => (asOf ? `?asOf=${encodeURIComponent(asOf)}` : '');
