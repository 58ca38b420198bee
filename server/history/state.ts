import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { DataClock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import type { ApiError } from '../protocol/errors.js';
import { parseAsOf } from '../http/as-of.js';
import { schemaOf } from '../http/openapi.js';
import { ROUTES } from '../protocol/routes.js';
import type { LiveState } from '../state/live.js';
import { listRecorded, type Store } from '../store/store.js';
import { stateAt } from '../engine/state.js';
import { knownAt, unitDetailAt, type StoredHistory } from './asof.js';

export interface HistoryDeps {
  config: AppConfig;
  store: Store;
  state: LiveState;
  dataClock: DataClock;
  systemNow: () => number;
}

/**
 * The read API with its time machine: GET /api/state and GET /api/units/:id, live by default,
 * or as the server knew things at `?asOf=` (readings received, reports filed and targets
 * recorded by then), computed from the store by the same pure engine.
 */
export function registerHistory(http: FastifyInstance, deps: HistoryDeps, read: RouteShorthandOptions): void {
  // Every write moves the live seq (after its commit), so the rows read for one seq serve
  // every look-back until the next change: a touch screen stepping through dates reads once.
  let cache: { seq: number; rows: Promise<StoredHistory> } | null = null;
  const recorded = (): Promise<StoredHistory> => {
    const seq = deps.state.seq;
    if (cache?.seq !== seq) {
      const rows = listRecorded(deps.store);
      cache = { seq, rows };
      rows.catch(() => (cache = null));
    }
    return cache.rows;
  };
  const pastSnapshot = async (t: number) => {
    const input = knownAt(await recorded(), t, deps.dataClock.demo);
    const live = deps.state.snapshot();
    // seq 0: a past state is not a point in the live sequence (no delta follows it).
    return { input, snapshot: stateAt(deps.config, input, t, { epoch: live.epoch, seq: 0, demo: live.demo, generatedAt: deps.systemNow() }) };
  };

  http.get('/api/state', { ...read, schema: schemaOf(ROUTES.state) }, async (req, reply) => {
    const asOf = parseAsOf(req.query, deps.config.timezone, deps.dataClock.now());
    if (!asOf.ok) return reply.code(400).send(asOf.error);
    if (asOf.t === null) return deps.state.snapshot();
    return (await pastSnapshot(asOf.t)).snapshot;
  });

  http.get<{ Params: { id: string } }>('/api/units/:id', { ...read, schema: schemaOf(ROUTES.unit) }, async (req, reply) => {
    const asOf = parseAsOf(req.query, deps.config.timezone, deps.dataClock.now());
    if (!asOf.ok) return reply.code(400).send(asOf.error);
    if (!deps.config.units.some((u) => u.id === req.params.id)) {
      return reply.code(404).send({ error: { code: 'not_found', message: `No unit "${req.params.id}" in this province.` } } satisfies ApiError);
    }
    if (asOf.t !== null) {
      const { input, snapshot } = await pastSnapshot(asOf.t);
      return unitDetailAt(deps.config, input, asOf.t, snapshot, req.params.id, false);
    }
    // Live: the unit exactly as the walls show it, with the series known at that instant.
    // The series come from the live state's own index: no store read on every refresh of a touch screen.
    const snapshot = deps.state.snapshot();
    return unitDetailAt(deps.config, deps.state.unitInput(req.params.id), Date.parse(snapshot.asOf), snapshot, req.params.id, true);
  });
}
