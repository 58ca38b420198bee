import type { ApiError, DisplayCommand, DisplayConfig, DisplayStatus } from '../../server/protocol/index.js';

export type AdminResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError['error'] };

async function call<T>(token: string, path: string, body?: DisplayCommand): Promise<AdminResult<T>> {
  try {
    const res = await fetch(path, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T | ApiError;
    return res.ok ? { ok: true, data: json as T } : { ok: false, status: res.status, error: (json as ApiError).error };
  } catch {
    return { ok: false, status: 0, error: { code: 'internal', message: 'the server cannot be reached' } };
  }
}

/** The admin API for walls: list them, send one or all a command. */
export const adminApi = {
  displays: (token: string) => call<{ displays: DisplayStatus[] }>(token, '/api/displays'),
  config: async (): Promise<DisplayConfig | null> => {
    const r = await fetch('/api/display').catch(() => null);
    return r?.ok ? ((await r.json()) as DisplayConfig) : null;
  },
  send: (token: string, id: string | null, c: DisplayCommand) =>
    call<{ delivered: number }>(token, id === null ? '/api/displays/commands' : `/api/displays/${encodeURIComponent(id)}/commands`, c),
};
