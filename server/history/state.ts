import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import type { DataClock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import type { ApiError } from '../protocol/errors.js';
import type { Snapshot } from '../protocol/state.js';
import type { UnitDetail } from '../protocol/history.js';
import { parseAsOf } from '../http/as-of.js';
import { latestReminder } from '../notify/acknowledged.js';
import { schemaOf } from '../http/openapi.js';
import { ROUTES } from '../protocol/routes.js';
import type { LiveState } from '../state/live.js';
import { listRecordedExceptReadings, readingPages, type Store } from '../store/store.js';
import { stateAt } from '../engine/state.js';
import { toLocalIso } from '../time/local.js';
import type { Crosswalk } from '../geography/crosswalk.js';
import { unitById, validityError } from '../geography/validity.js';
import type { RiskInput } from '../risk/assess.js';
import { knownAtFilter, knownAtPaged, unitDetailAt, type StoredHistory } from './asof.js';
import { withVersions } from './corrections.js';

/** What the time machine caches per data version: everything but the current readings, which each instant pages. */
type History = Omit<StoredHistory, 'readings'>;

export interface HistoryDeps {
  config: AppConfig;
  store: Store;
  state: LiveState;
  dataClock: DataClock;
  systemNow: () => number;
  /** The crosswalks between geography versions (a unit's lineage). */
  crosswalks: readonly Crosswalk[];
}

/** The state live (null) or as known at an instant: what the read routes show. */
export type StateReader = (t: number | null) => Promise<Snapshot>;

/**
 * The read API with its time machine: GET /api/state and GET /api/units/:id, live by default,
 * or as the server knew things at `?asOf=` (readings received, reports filed and targets
 * recorded by then), computed from the store by the same pure engine.
 */
export function registerHistory(http: FastifyInstance, deps: HistoryDeps, read: RouteShorthandOptions): StateReader {
  // Keyed on the store's data version, which only writes of data move (a tick moves the live
  // seq, not this): the rows are read once per change, not after every tick (issue 17 item 8).
  // The readings themselves are not kept: each instant streams those known then (knownAtPaged).
  let cache: { version: string; rows: Promise<History>; inputs: Map<number, RiskInput> } | null = null;
  const recorded = async (): Promise<{ rows: Promise<History>; inputs: Map<number, RiskInput> }> => {
    const version = await deps.store.dataVersion();
    if (cache?.version !== version) {
      const rows = Promise.all([listRecordedExceptReadings(deps.store), deps.store.listReadingVersions()]).then(([rest, superseded]) => ({
        ...rest,
        superseded,
      }));
      cache = { version, rows, inputs: new Map() };
      rows.catch(() => (cache = null));
    }
    return cache;
  };
  /** What was known at `t`, kept for the last few instants asked (a presenter steps back and forth). */
  const inputAt = async (t: number): Promise<RiskInput> => {
    const { rows, inputs } = await recorded();
    let input = inputs.get(t);
    if (!input) {
      input = await knownAtPaged(await rows, readingPages(deps.store, knownAtFilter(t, deps.dataClock.demo)), t, deps.dataClock.demo);
      if (inputs.size >= 4) inputs.delete(inputs.keys().next().value!);
      inputs.set(t, input);
    }
    return input;
  };
  /** Each series point with the values corrections had replaced by `t` (the rows cached with the data version). */
  const versioned = async (detail: UnitDetail, t: number) =>
    deps.dataClock.demo ? detail : withVersions(detail, (await (await recorded()).rows).superseded ?? [], t, deps.config.timezone);
  const pastSnapshot = async (t: number) => {
    const input = await inputAt(t);
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
    const unit = unitById(deps.config.geography, req.params.id);
    if (!unit) return reply.code(404).send({ error: { code: 'not_found', message: `No unit "${req.params.id}" in this province.` } } satisfies ApiError);
    // A unit of another geography than the instant's (e.g. a 2025 ward in 2024): not there then.
    const absent = (t: number) => {
      const why = validityError(unit, t);
      return reply.code(404).send({
        error: {
          code: 'not_found',
          message: `No unit "${unit.id}" at ${toLocalIso(t, deps.config.timezone)}: ${why ? `${why.vi} / ${why.en}` : 'not in the geography then'}.`,
        },
      } satisfies ApiError);
    };
    if (asOf.t !== null) {
      const past = await pastSnapshot(asOf.t);
      const detail = unitDetailAt(deps.config, past.input, asOf.t, past.snapshot, unit.id, false, deps.crosswalks);
      // A briefing frozen at asOf shows the reminder as known then ("đã nhận nhắc 12/11, chưa nộp").
      const t = asOf.t;
      return detail
        ? {
            ...(await versioned(detail, t)),
            reminder: await latestReminder(deps.store, unit.id, deps.config.timezone, (p) => deps.state.reportFiledAt(unit.id, p), t),
          }
        : absent(t);
    }
    // Live: the unit exactly as the walls show it, with the series known at that instant.
    // The series come from the live state's own index: no store read on every refresh of a touch screen.
    const live = deps.state.snapshot();
    const t = Date.parse(live.asOf);
    const detail = unitDetailAt(deps.config, deps.state.unitInput(unit.id), t, live, unit.id, true, deps.crosswalks);
    // The unit's latest reminder and its acknowledgement (server/notify/acknowledged.ts).
    return detail
      ? {
          ...(await versioned(detail, t)),
          reminder: await latestReminder(deps.store, unit.id, deps.config.timezone, (p) => deps.state.reportFiledAt(unit.id, p)),
        }
      : absent(t);
  });
  return async (t) => (t === null ? deps.state.snapshot() : (await pastSnapshot(t)).snapshot);
}
