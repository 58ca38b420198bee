import type { AppConfig } from '../config/types.js';
import type { IndicatorMeta, KindCounts, ProvinceMeta, Snapshot, UnitState } from '../protocol/state.js';
import { assessUnitAt, countByKind, indicatorsInForce, instantOf, type Instant, type RiskInput } from '../risk/assess.js';
import { numberRanks, rankOrder, type RankOrder } from '../risk/rank.js';
import { toLocalIso } from '../time/local.js';
import { indicatorMeta, provinceMeta } from './meta.js';

/** Every unit assessed at one instant, ranked. */
export interface Assessed {
  /** What every unit's assessment at this instant shares. */
  instant: Instant;
  indicators: IndicatorMeta[];
  /** In config order, numbered by `order`. */
  units: UnitState[];
  /** The same objects, worst first. */
  ranking: UnitState[];
  counts: KindCounts;
}

/**
 * THE engine front-end (pure): every configured unit assessed from `input` at `t`, ranked in
 * the one ranking order (risk/rank.ts), counted per kind. The live state, the time machine, the
 * demo and the cluster all build their states with it.
 */
export function assessState(config: AppConfig, input: RiskInput, t: number, order: RankOrder = rankOrder(config.units.map((u) => u.id))): Assessed {
  const inForce = indicatorsInForce(config, input.versions, t);
  const instant = instantOf(config, inForce, t);
  const units = config.units.map((u) => assessUnitAt(config, u, input, instant));
  const ranking = [...units].sort(order);
  // Fresh objects: numbered in place.
  numberRanks(ranking, (u, rank, kindRank) => Object.assign(u, { rank, kindRank }));
  return { instant, indicators: indicatorMeta(inForce), units, ranking, counts: countByKind(units) };
}

/** Who computed a state and when (the server's own clock). */
export interface Run {
  epoch: string;
  seq: number;
  demo: boolean;
  /** System time of the computation (ms). */
  generatedAt: number;
}

/** The parts of a state, assembled in the snapshot's shape (live and past alike). */
export function snapshotOf(timezone: string, run: Run, province: ProvinceMeta, asOf: number, s: Pick<Assessed, 'indicators' | 'units' | 'counts'>): Snapshot {
  return {
    epoch: run.epoch,
    seq: run.seq,
    generatedAt: new Date(run.generatedAt).toISOString(),
    asOf: toLocalIso(asOf, timezone),
    demo: run.demo,
    province,
    // TEMPORARY (geo-web branch only, so the protocol copy compiles): the server branch fills this; absent on the wire, as today.
    geography: undefined as never,
    indicators: s.indicators,
    units: s.units,
    counts: s.counts,
  };
}

/** The whole state at `t` from `input` (pure), in the live snapshot's shape. */
export function stateAt(config: AppConfig, input: RiskInput, t: number, run: Run): Snapshot {
  return snapshotOf(config.timezone, run, provinceMeta(config), t, assessState(config, input, t));
}
