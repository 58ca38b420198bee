import type { Body, Reply, ROUTES } from '../../server/protocol/routes.js';
import type { Http, Result } from './http.js';
import { t, type Lang } from './i18n.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What POST /api/import answers (dry run: the preview; otherwise how many were stored). */
export type ImportAnswer = Reply<typeof ROUTES.import>;

/** A refused admin call in words: a wrong token, or what the server said. */
export function explain(lang: Lang, r: Result<unknown>): string {
  if (r.ok) return '';
  return r.status === 401 || r.status === 403 ? t(lang, 'adminErrorAuth') : t(lang, 'adminErrorOther', { message: r.error.message });
}

/** The admin routes, typed by their contract (server/protocol/routes.ts), on an HTTP client that carries the admin's token; every call answers a Result. */
export function adminApi(http: Http) {
  return {
    displays: () => http.result<Reply<typeof ROUTES.displays>>('/api/displays'),
    config: () => http.result<Reply<typeof ROUTES.display>>('/api/display'),
    state: () => http.result<Reply<typeof ROUTES.state>>('/api/state'),
    tokens: () => http.result<Reply<typeof ROUTES.tokens>>('/api/tokens'),
    createToken: (body: Body<typeof ROUTES.createToken>) => http.result<Reply<typeof ROUTES.createToken>>('/api/tokens', { body }),
    /** A one-time sign-in link for a unit's page (its code is in the fragment). */
    signinLink: (unit: string) => http.result<Reply<typeof ROUTES.signinLink>>('/api/auth/links', { body: { unit } }),
    revokeToken: (id: string) => http.result<Reply<typeof ROUTES.revokeToken>>(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    audit: () => http.result<Reply<typeof ROUTES.audit>>('/api/audit?limit=200'),
    targets: () => http.result<Reply<typeof ROUTES.targets>>('/api/targets'),
    setTarget: (body: Body<typeof ROUTES.setTarget>) => http.result<Reply<typeof ROUTES.setTarget>>('/api/targets', { body }),
    /** Upload a spreadsheet: a dry run (preview) or the import itself. */
    importFile: (file: File, dryRun: boolean) =>
      http.result<ImportAnswer>(`/api/import${dryRun ? '?dryRun=1' : ''}`, {
        file: { data: file, type: /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv', name: file.name },
        timeoutMs: 120_000,
      }),
    send: (id: string | null, c: Body<typeof ROUTES.command>) =>
      http.result<Reply<typeof ROUTES.command>>(id === null ? '/api/displays/commands' : `/api/displays/${encodeURIComponent(id)}/commands`, { body: c }),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;
