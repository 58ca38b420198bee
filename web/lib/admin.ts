import type { AuditRecord, DisplayCommand, DisplayConfig, DisplayStatus, Snapshot, TargetVersionInfo, TokenInfo } from '../../server/protocol/index.js';
import type { Http, Result } from './http.js';
import { t, type Lang } from './i18n.js';

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
export function explain(lang: Lang, r: Result<unknown>): string {
  if (r.ok) return '';
  return r.status === 401 || r.status === 403 ? t(lang, 'adminErrorAuth') : t(lang, 'adminErrorOther', { message: r.error.message });
}

/** The admin routes, typed, on an HTTP client that carries the admin's token; every call answers a Result. */
export function adminApi(http: Http) {
  return {
    displays: () => http.result<{ displays: DisplayStatus[] }>('/api/displays'),
    config: () => http.result<DisplayConfig>('/api/display'),
    state: () => http.result<Snapshot>('/api/state'),
    tokens: () => http.result<{ tokens: TokenInfo[] }>('/api/tokens'),
    createToken: (body: { role: string; unit?: string; label: string; expires?: string }) => http.result<TokenInfo & { token: string }>('/api/tokens', { body }),
    revokeToken: (id: string) => http.result<{ revoked: string }>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    audit: () => http.result<{ entries: AuditRecord[] }>('/api/audit?limit=200'),
    targets: () => http.result<{ versions: TargetVersionInfo[] }>('/api/targets'),
    setTarget: (body: { indicator: string; target?: number; deadline?: string; effectiveFrom: string; reason: string }) =>
      http.result<TargetVersionInfo>('/api/targets', { body }),
    /** Upload a spreadsheet: a dry run (preview) or the import itself. */
    importFile: (file: File, dryRun: boolean) =>
      http.result<ImportAnswer>(`/api/import${dryRun ? '?dryRun=1' : ''}`, {
        file: { data: file, type: /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv', name: file.name },
        timeoutMs: 120_000,
      }),
    send: (id: string | null, c: DisplayCommand) =>
      http.result<{ delivered: number }>(id === null ? '/api/displays/commands' : `/api/displays/${encodeURIComponent(id)}/commands`, { body: c }),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
