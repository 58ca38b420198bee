import type { Body, Reply, ROUTES } from '../../server/protocol/routes.js';
import type { Http } from './http.js';

/** The unit page's routes, typed by their contract (server/protocol/routes.ts); every call answers a Result so that the form can show the server's words. */
export function unitApi(http: Http) {
  return {
    exchange: (code: string) => http.result<Reply<typeof ROUTES.signinExchange>>('/api/auth/exchange', { body: { code } }),
    whoami: () => http.result<Reply<typeof ROUTES.whoami>>('/api/auth/me'),
    unit: (id: string) => http.result<Reply<typeof ROUTES.unit>>(`/api/units/${encodeURIComponent(id)}`),
    /** The province's indicators and time zone (the state's metadata; the page shows only its own unit). */
    state: () => http.result<Reply<typeof ROUTES.state>>('/api/state'),
    readings: (body: Body<typeof ROUTES.readings>) => http.result<Reply<typeof ROUTES.readings>>('/api/readings', { body }),
    reports: (body: Body<typeof ROUTES.reports>) => http.result<Reply<typeof ROUTES.reports>>('/api/reports', { body }),
  };
}

export type UnitApi = ReturnType<typeof unitApi>;
