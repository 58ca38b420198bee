import type { Reply, ROUTES } from '../../server/protocol/routes.js';
import type { Http } from './http.js';

/** `?asOf=` for the read API, or nothing for the live state. */
export const asOfQuery = (asOf: string | null): string => (asOf ? `?asOf=${encodeURIComponent(asOf)}` : '');

/** The read routes a screen uses, typed by their contract (server/protocol/routes.ts): the state and a unit's detail (live or as of a date), boundaries, display config, exports. */
export function readApi(http: Http) {
  return {
    state: (asOf: string | null, signal?: AbortSignal) => http.json<Reply<typeof ROUTES.state>>(`/api/state${asOfQuery(asOf)}`, { signal }),
    unit: (id: string, asOf: string | null, signal?: AbortSignal) =>
      http.json<Reply<typeof ROUTES.unit>>(`/api/units/${encodeURIComponent(id)}${asOfQuery(asOf)}`, { signal }),
    /** One geography version's boundaries; null: the version valid now. */
    geo: (version: string | null, signal?: AbortSignal) =>
      http.json<Reply<typeof ROUTES.geo>>(version ? `/api/geo?version=${encodeURIComponent(version)}` : '/api/geo', { signal }),
    display: (signal?: AbortSignal) => http.json<Reply<typeof ROUTES.display>>('/api/display', { signal }),
    /** A briefing rendered by the server (PNG of one slide, or the whole PDF); slow, so a longer limit. */
    briefingExport: (kind: 'png' | 'pdf', query: URLSearchParams) => http.blob(`/api/export/briefing.${kind}?${query}`, { timeoutMs: 120_000 }),
  };
}

export type ReadApi = ReturnType<typeof readApi>;
