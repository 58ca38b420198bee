import type { AppConfig } from '../config/types.js';
import type { IndicatorDetail, UnitDetail } from '../protocol/history.js';
import type { Snapshot } from '../protocol/state.js';
import { assessAll, countByKind, indicatorsInForce, type RiskInput } from '../risk/assess.js';
import { projectionOf } from '../risk/projection.js';
import { reportHistory } from '../risk/reports.js';
import type { TargetVersion } from '../risk/targets.js';
import { toLocalIso } from '../risk/time.js';
import { indicatorMeta, provinceMeta } from '../state/meta.js';
import type { Point } from '../risk/trend.js';
import type { StoredReading, StoredReport } from '../store/store.js';

/** Everything ever stored, as the time machine reads it. */
export interface Recorded {
  readings: readonly StoredReading[];
  reports: readonly StoredReport[];
  versions: readonly TargetVersion[];
}

/** How many reporting periods a unit's detail shows. */
export const DETAIL_PERIODS = 12;

/**
 * What the server knew at `t` (pure): readings taken by then *and* received by then (a figure
 * entered late does not rewrite the past), reports filed by then, target versions recorded by
 * then. On the demo clock, data arrives as it is dated, so "received" is its own date.
 */
export function knownAt(rec: Recorded, t: number, demo: boolean): RiskInput {
  const readings = new Map<string, Map<string, Point[]>>();
  for (const r of rec.readings) {
    if (r.at > t || (!demo && r.receivedAt > t)) continue;
    let byInd = readings.get(r.unit);
    if (!byInd) readings.set(r.unit, (byInd = new Map()));
    let pts = byInd.get(r.indicator);
    if (!pts) byInd.set(r.indicator, (pts = []));
    pts.push({ t: r.at, v: r.value });
  }
  // Rows come oldest first from the store, but corrections keep their original instant.
  for (const byInd of readings.values()) for (const pts of byInd.values()) pts.sort((a, b) => a.t - b.t);
  const reports = new Map<string, Map<string, number>>();
  for (const r of rec.reports) {
    if (r.submittedAt > t) continue;
    let byPeriod = reports.get(r.unit);
    if (!byPeriod) reports.set(r.unit, (byPeriod = new Map()));
    const prev = byPeriod.get(r.period);
    if (prev === undefined || r.submittedAt < prev) byPeriod.set(r.period, r.submittedAt);
  }
  return { readings, reports, versions: rec.versions.filter((v) => v.recordedAt <= t) };
}

/** The whole state as it stood at `t` (pure), in the live snapshot's shape. */
export function snapshotAt(config: AppConfig, input: RiskInput, t: number, run: { epoch: string; seq: number; demo: boolean; generatedAt: number }): Snapshot {
  const units = assessAll(config, input, t);
  return {
    epoch: run.epoch,
    seq: run.seq,
    generatedAt: new Date(run.generatedAt).toISOString(),
    asOf: toLocalIso(t, config.timezone),
    demo: run.demo,
    province: provinceMeta(config),
    indicators: indicatorMeta(indicatorsInForce(config, input.versions, t)),
    units,
    counts: countByKind(units),
  };
}

/** One unit in depth at `t` (pure): its state, every indicator's series and projection, 12 periods of reports. */
export function unitDetailAt(config: AppConfig, input: RiskInput, t: number, snapshot: Snapshot, unitId: string, live: boolean): UnitDetail | null {
  const unit = snapshot.units.find((u) => u.id === unitId);
  if (!unit) return null;
  const catalogue = new Map(indicatorsInForce(config, input.versions, t).map((i) => [i.id, i]));
  const series = input.readings.get(unitId);
  const indicators: IndicatorDetail[] = unit.indicators.map((s) => {
    const pts = (series?.get(s.id) ?? []).filter((p) => p.t <= t);
    const ind = catalogue.get(s.id)!;
    return {
      id: s.id,
      series: pts.map((p) => ({ at: toLocalIso(p.t, config.timezone), value: p.v })),
      projection: projectionOf(pts, ind, s, t, config.risk, config.timezone),
    };
  });
  const reports = reportHistory(input.reports.get(unitId) ?? new Map(), t, { ...config.reporting, history: DETAIL_PERIODS }, config.timezone);
  const peers = snapshot.units.filter((u) => u.kind === unit.kind).sort((a, b) => a.rank - b.rank);
  return { asOf: snapshot.asOf, live, unit, of: snapshot.units.length, kindRank: peers.indexOf(unit) + 1, ofKind: peers.length, indicators, reports };
}
