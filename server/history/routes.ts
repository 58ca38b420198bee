import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { Clock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import type { ApiError } from '../protocol/errors.js';
import { asOfQuerySchema } from '../protocol/history.js';
import { deadlineEnd, localInstant } from '../time/local.js';
import type { LiveState } from '../state/live.js';
import { listRecorded, type Store } from '../store/store.js';
import { stateAt } from '../engine/state.js';
import { knownAt, unitDetailAt, type Recorded } from './asof.js';

export interface HistoryDeps {
  config: AppConfig;
  store: Store;
  state: LiveState;
  clock: Clock;
}

type AsOf = { ok: true; t: number | null } | { ok: false; error: ApiError };

const invalid = (problem: string, message: string): AsOf => ({
  ok: false,
  error: { error: { code: 'validation_failed', message, details: [{ field: 'asOf', problem, message }] } },
});

/** `?asOf=`: null for the live state, else the instant (a date means the end of that local day). */
export function parseAsOf(query: unknown, tz: string, now: number): AsOf {
  const q = asOfQuerySchema.safeParse(query);
  if (!q.success) return invalid('format', `asOf: ${q.error.issues[0]?.message ?? 'not valid'}.`);
  const s = q.data.asOf;
  if (s === undefined) return { ok: true, t: null };
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  // No silent roll-over: 2024-02-31 is not 2 March.
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d || /T24:/.test(s)) {
    return invalid('format', `asOf: "${s}" is not a real date.`);
  }
  // A date is the end of that local day; today's date is now.
  const t = s.length === 10 ? Math.min(now, deadlineEnd(s, tz) - 1) : Date.parse(s);
  if (!Number.isFinite(t)) return invalid('format', `asOf: "${s}" is not a real date.`);
  if ((s.length === 10 ? localInstant(tz, y, m, d) : t) > now) return invalid('future', `asOf: ${s} is after the current time; the time machine only looks back.`);
  return { ok: true, t };
}

/**
 * The read API with its time machine: GET /api/state and GET /api/units/:id, live by default,
 * or as the server knew things at `?asOf=` (readings received, reports filed and targets
 * recorded by then), computed from the store by the same pure engine.
 */
export function registerHistory(http: FastifyInstance, deps: HistoryDeps, read: RouteShorthandOptions): void {
  // Every write moves the live seq (after its commit), so the rows read for one seq serve
  // every look-back until the next change: a touch screen stepping through dates reads once.
  let cache: { seq: number; rows: Promise<Recorded> } | null = null;
  const recorded = (): Promise<Recorded> => {
    const seq = deps.state.seq;
    if (cache?.seq !== seq) {
      const rows = listRecorded(deps.store);
      cache = { seq, rows };
      rows.catch(() => (cache = null));
    }
    return cache.rows;
  };
  const pastSnapshot = async (t: number) => {
    const input = knownAt(await recorded(), t, deps.clock.demo);
    const live = deps.state.snapshot();
    // seq 0: a past state is not a point in the live sequence (no delta follows it).
    return { input, snapshot: stateAt(deps.config, input, t, { epoch: live.epoch, seq: 0, demo: live.demo, generatedAt: Date.now() }) };
  };

  http.get('/api/state', read, async (req, reply) => {
    const asOf = parseAsOf(req.query, deps.config.timezone, deps.clock.now());
    if (!asOf.ok) return reply.code(400).send(asOf.error);
    if (asOf.t === null) return deps.state.snapshot();
    return (await pastSnapshot(asOf.t)).snapshot;
  });

  http.get<{ Params: { id: string } }>('/api/units/:id', read, async (req, reply) => {
    const asOf = parseAsOf(req.query, deps.config.timezone, deps.clock.now());
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
