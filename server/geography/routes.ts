import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { AppConfig } from '../config/types.js';
import { parseAsOf } from '../http/as-of.js';
import { invalid } from '../http/boundary.js';
import type { StateReader } from '../history/state.js';
import type { ApiError } from '../protocol/errors.js';
import { schemaOf } from '../http/openapi.js';
import { geoQuerySchema, rollupQuerySchema } from '../protocol/api-schemas.js';
import { ROUTES } from '../protocol/routes.js';
import type { DataClock } from '../time/clock.js';
import { rollupView } from './lens.js';
import { drawnBoundaries } from './simplify.js';
import type { Boundaries } from '../protocol/index.js';
import type { GeographyData } from './load.js';
import { versionAt } from './validity.js';

export interface GeographyRouteDeps {
  config: AppConfig;
  data: GeographyData;
  dataClock: DataClock;
  /** The state live or as of an instant (history/state.ts). */
  states: StateReader;
}

/**
 * GET /api/geo?version= (a version's boundaries; without it, the version valid now) and
 * GET /api/rollup?lens=&asOf= (the state's units grouped by their predecessor in `lens`).
 */
export function registerGeography(http: FastifyInstance, deps: GeographyRouteDeps, read: RouteShorthandOptions): void {
  // Each version simplified and serialised once, on first use; the version valid now starts at boot.
  const drawn = new Map<string, Promise<string>>();
  const drawnOf = (id: string, b: Boundaries): Promise<string> => {
    let text = drawn.get(id);
    // Simplification is only an optimisation: should it fail, the boundaries go out as loaded.
    if (!text) drawn.set(id, (text = drawnBoundaries(b).catch(() => JSON.stringify(b))));
    return text;
  };
  const nowId = (versionAt(deps.config.geography, deps.dataClock.now()) ?? deps.config.geography.versions.at(-1))?.id;
  const nowB = nowId === undefined ? undefined : deps.data.boundaries.get(nowId);
  if (nowId !== undefined && nowB) void drawnOf(nowId, nowB);
  http.get('/api/geo', { ...read, schema: schemaOf(ROUTES.geo) }, async (req, reply) => {
    const q = geoQuerySchema.safeParse(req.query);
    if (!q.success)
      return reply
        .code(400)
        .send(invalid('version: expected one geography id.', [{ field: 'version', problem: 'format', message: 'expected one geography id' }]));
    const id = q.data.version ?? (versionAt(deps.config.geography, deps.dataClock.now()) ?? deps.config.geography.versions.at(-1)!).id;
    const b = deps.data.boundaries.get(id);
    if (!b) {
      const known = [...deps.data.boundaries.keys()].join(', ');
      return reply.code(404).send({ error: { code: 'not_found', message: `No geography "${id}" (known: ${known}).` } } satisfies ApiError);
    }
    // A version's boundaries never change while the server runs.
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type('application/json; charset=utf-8')
      .send(await drawnOf(id, b));
  });

  http.get('/api/rollup', { ...read, schema: schemaOf(ROUTES.rollup) }, async (req, reply) => {
    const asOf = parseAsOf(req.query, deps.config.timezone, deps.dataClock.now());
    if (!asOf.ok) return reply.code(400).send(asOf.error);
    const q = rollupQuerySchema.safeParse(req.query);
    const lens = q.success ? q.data.lens : undefined;
    const r = rollupView(deps.data.crosswalks, await deps.states(asOf.t), lens);
    if (!r.ok) return reply.code(400).send(invalid(`lens: ${r.detail.message}.`, [r.detail]));
    return r.view;
  });
}
