import type { AppConfig } from '../config/types.js';
import type { GeographyMeta, IndicatorMeta, KindCounts, ProvinceMeta, Snapshot, UnitState } from '../protocol/state.js';
import { assessUnitAt, countByKind, indicatorsInForce, instantOf, type Instant, type RiskInput } from '../risk/assess.js';
import { numberRanks } from '../risk/rank.js';
import { toLocalIso } from '../time/local.js';
import { indicatorMeta } from './meta.js';
import { frameAt, type Frame } from './frame.js';
import { unitTasks } from '../tasks/units.js';

/** Every unit assessed at one instant, ranked. */
export interface Assessed {
  /** What every unit's assessment at this instant shares. */
  instant: Instant;
  /** The geography of the instant: its version and units. */
  frame: Frame;
  indicators: IndicatorMeta[];
  /** In the frame's order (areas, then departments), numbered by its order. */
  units: UnitState[];
  /** The same objects, worst first. */
  ranking: UnitState[];
  counts: KindCounts;
}

/**
 * THE engine front-end (pure): every unit valid at `t` in the geography version valid then
 * (engine/frame.ts) assessed from `input`, with the targets in force then, ranked in the one
 * ranking order (risk/rank.ts), counted per kind. The live state, the time machine, the demo
 * and the cluster all build their states with it. `previous`: the last ranking of the same
 * units, if any (a hint: the sort starts from that order, nearly sorted, and the result is the same).
 */
export function assessState(config: AppConfig, input: RiskInput, t: number, frame: Frame = frameAt(config, t), previous?: readonly UnitState[]): Assessed {
  const inForce = indicatorsInForce(config, input.versions, t);
  const instant = { ...instantOf(config, inForce, t), tasks: unitTasks(config, input, t) };
  const units = frame.units.map((u) => assessUnitAt(config, u, input, instant));
  const ranking = inOrderOf(previous, units, frame).sort(frame.order);
  numberRanks(ranking, (u, rank, kindRank) => {
    // A fresh assessment (rank 0) is numbered in place; one kept from a previous pass is shared: a copy.
    if (u.rank === 0) return Object.assign(u, { rank, kindRank });
    const moved = { ...u, rank, kindRank };
    units[frame.position.get(u.id)!] = moved;
    input.units?.renumbered(moved);
    return moved;
  });
  return { instant, frame, indicators: indicatorMeta(inForce), units, ranking, counts: countByKind(units) };
}

/** The units in the order of the previous ranking when it holds the same units (a tick moves few: the sort then runs in about n comparisons). */
function inOrderOf(previous: readonly UnitState[] | undefined, units: UnitState[], frame: Frame): UnitState[] {
  if (previous?.length !== units.length) return [...units];
  const out: UnitState[] = [];
  for (const p of previous) {
    const u = units[frame.position.get(p.id) ?? -1];
    if (!u) return [...units];
    out.push(u);
  }
  return out;
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
export function snapshotOf(
  timezone: string,
  run: Run,
  where: { province: ProvinceMeta; geography: GeographyMeta },
  asOf: number,
  s: Pick<Assessed, 'indicators' | 'units' | 'counts'>,
): Snapshot {
  return {
    epoch: run.epoch,
    seq: run.seq,
    generatedAt: new Date(run.generatedAt).toISOString(),
    asOf: toLocalIso(asOf, timezone),
    demo: run.demo,
    province: where.province,
    geography: where.geography,
    indicators: s.indicators,
    units: s.units,
    counts: s.counts,
  };
}

/** The whole state at `t` from `input` (pure), in the live snapshot's shape, in the geography valid at `t`. */
export function stateAt(config: AppConfig, input: RiskInput, t: number, run: Run): Snapshot {
  const s = assessState(config, input, t);
  return snapshotOf(config.timezone, run, s.frame, t, s);
}
