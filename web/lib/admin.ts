import type { ApiError, AuditRecord, DisplayCommand, DisplayConfig, DisplayStatus, TargetVersionInfo, TokenInfo } from '../../server/protocol/index.js';

import { t, type Lang } from './i18n.js';

export type AdminResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError['error'] };

async function call<T>(token: string, path: string, body?: object, method = body ? 'POST' : 'GET'): Promise<AdminResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
      ...(body && { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T | ApiError;
    return res.ok ? { ok: true, data: json as T } : { ok: false, status: res.status, error: (json as ApiError).error };
  } catch {
    return { ok: false, status: 0, error: { code: 'internal', message: 'the server cannot be reached' } };
  }
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What POST /api/import answers (dry run: the preview; otherwise how many were stored). */
export interface ImportAnswer {
  dryRun?: boolean;
  accepted?: number;
  format: string;
  rows: number;
  new: number;
  update: number;
  same: number;
  readings?: { row: number; unit: string; indicator: string; period: string; value: number; previous: number | null; change: 'new' | 'update' | 'same' }[];
}

/** A refused admin call in words: a wrong token, or what the server said. */
export function explain(lang: Lang, r: AdminResult<unknown>): string {
  if (r.ok) return '';
  return r.status === 401 || r.status === 403 ? t(lang, 'adminErrorAuth') : t(lang, 'adminErrorOther', { message: r.error.message });
}

/** The admin API for walls: list them, send one or all a command. */
export const adminApi = {
  displays: (token: string) => call<{ displays: DisplayStatus[] }>(token, '/api/displays'),
  config: async (): Promise<DisplayConfig | null> => {
    const r = await fetch('/api/display').catch(() => null);
    return r?.ok ? ((await r.json()) as DisplayConfig) : null;
  },
  tokens: (token: string) => call<{ tokens: TokenInfo[] }>(token, '/api/tokens'),
  createToken: (token: string, body: { role: string; unit?: string; label: string; expires?: string }) =>
    call<TokenInfo & { token: string }>(token, '/api/tokens', body),
  revokeToken: (token: string, id: string) => call<{ revoked: string }>(token, `/api/tokens/${encodeURIComponent(id)}`, undefined, 'DELETE'),
  audit: (token: string) => call<{ entries: AuditRecord[] }>(token, '/api/audit?limit=200'),
  targets: (token: string) => call<{ versions: TargetVersionInfo[] }>(token, '/api/targets'),
  setTarget: (token: string, body: { indicator: string; target?: number; deadline?: string; effectiveFrom: string; reason: string }) =>
    call<TargetVersionInfo>(token, '/api/targets', body),
  /** Upload a spreadsheet: a dry run (preview) or the import itself. */
  importFile: async (token: string, file: File, dryRun: boolean): Promise<AdminResult<ImportAnswer>> => {
    try {
      const res = await fetch(`/api/import${dryRun ? '?dryRun=1' : ''}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv', 'x-filename': encodeURIComponent(file.name) },
        body: file,
      });
      const json = (await res.json()) as ImportAnswer | ApiError;
      return res.ok ? { ok: true, data: json as ImportAnswer } : { ok: false, status: res.status, error: (json as ApiError).error };
    } catch {
      return { ok: false, status: 0, error: { code: 'internal', message: 'the server cannot be reached' } };
    }
  },
  send: (token: string, id: string | null, c: DisplayCommand) =>
    call<{ delivered: number }>(token, id === null ? '/api/displays/commands' : `/api/displays/${encodeURIComponent(id)}/commands`, c),
};
