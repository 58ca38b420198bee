import type { AppConfig } from '../config/types.js';
import type { IndicatorDetail, UnitDetail } from '../protocol/history.js';
import type { Snapshot } from '../protocol/state.js';
import { EngineInputs, type Recorded } from '../engine/inputs.js';
import { indicatorsInForce, type RiskInput } from '../risk/assess.js';
import { projectionOf } from '../risk/projection.js';
import { excuseUnowed, reportHistory } from '../risk/reports.js';
import type { Crosswalk } from '../geography/crosswalk.js';
import { lineageOf } from '../geography/lineage.js';
import { unitById } from '../geography/validity.js';
import { toLocalIso } from '../time/local.js';
import type { EngineReading, ReadingFilter, StoredReading, StoredReport } from '../store/rows.js';
import type { ReadingVersion } from '../store/version-rows.js';

/** Everything ever stored, as the time machine reads it: the rows with when they were received (store/store.ts listRecorded). */
export interface StoredHistory extends Recorded {
  readings: readonly StoredReading[];
  reports: readonly StoredReport[];
  /** Readings replaced by a correction, each with when it was superseded. */
  superseded?: readonly ReadingVersion[];
}

/** How many reporting periods a unit's detail shows. */
export const DETAIL_PERIODS = 12;

/**
 * What the server knew at `t` (pure): readings taken by then *and* received by then (a figure
 * entered late does not rewrite the past), reports filed by then, target versions recorded by
 * then. A corrected reading shows the value that stood at `t` (received by then, superseded after).
 * On the demo clock, data arrives as it is dated, so "received" is its own date.
 */
export function knownAt(rec: StoredHistory, t: number, demo: boolean): RiskInput {
  const inputs = new EngineInputs();
  const rest = knownExceptReadings(rec, t, demo);
  inputs.load({ ...rest, readings: [...rec.readings.filter((r) => r.at <= t && (demo || r.receivedAt <= t)), ...rest.readings] });
  return inputs.input();
}

/**
 * `knownAt` with the readings as the store's pages of those known at `t` (`readingPages` with
 * `knownAtFilter`): the time machine at national scale holds no table of rows in memory.
 */
export async function knownAtPaged(
  rec: Omit<StoredHistory, 'readings'>,
  pages: AsyncIterable<readonly EngineReading[]>,
  t: number,
  demo: boolean,
): Promise<RiskInput> {
  const inputs = new EngineInputs();
  inputs.load(knownExceptReadings(rec, t, demo));
  for await (const page of pages) inputs.addReadings(page);
  return inputs.input();
}

/** Which stored readings were known at `t` (see knownAt), as the store filters them. */
export const knownAtFilter = (t: number, demo: boolean): ReadingFilter => ({ at: t, receivedAt: demo ? null : t });

/** Everything but the current readings known at `t`; `readings`: the corrected values that stood at `t`. */
function knownExceptReadings(rec: Omit<StoredHistory, 'readings'>, t: number, demo: boolean): Recorded {
  return {
    // A correction received after `t` replaced a value that stood at `t` (the current row, received after `t`, is left out).
    readings: demo ? [] : (rec.superseded ?? []).filter((r) => r.at <= t && r.receivedAt <= t && r.supersededAt > t),
    reports: rec.reports.filter((r) => r.submittedAt <= t),
    versions: rec.versions.filter((v) => v.recordedAt <= t),
    // Tasks as known then: versions and status reports dated by when they were received.
    tasks: { versions: rec.tasks?.versions.filter((v) => v.recordedAt <= t) ?? [], reports: rec.tasks?.reports.filter((r) => r.receivedAt <= t) ?? [] },
  };
}

/**
 * One unit in depth at `t` (pure): its state, every indicator's series and projection, 12 periods
 * of reports, and its lineage. A unit's series start at its creation: a 2025 commune's detail
 * never shows its predecessor district's readings (the lineage names the district instead).
 */
export function unitDetailAt(
  config: AppConfig,
  input: RiskInput,
  t: number,
  snapshot: Snapshot,
  unitId: string,
  live: boolean,
  crosswalks: readonly Crosswalk[] = [],
): UnitDetail | null {
  const unit = snapshot.units.find((u) => u.id === unitId);
  const geo = unitById(config.geography, unitId);
  if (!unit || !geo) return null;
  const catalogue = new Map(indicatorsInForce(config, input.versions, t).map((i) => [i.id, i]));
  const series = input.readings.get(unitId);
  const indicators: IndicatorDetail[] = unit.indicators.map((s) => {
    const pts = (series?.get(s.id)?.points() ?? []).filter((p) => p.t <= t && p.t >= geo.start);
    const ind = catalogue.get(s.id)!;
    return {
      id: s.id,
      series: pts.map((p) => ({ at: toLocalIso(p.t, config.timezone), value: p.v })),
      projection: projectionOf(pts, ind, s, t, config.risk, config.timezone),
    };
  });
  const history = reportHistory(input.reports.get(unitId) ?? new Map(), t, { ...config.reporting, history: DETAIL_PERIODS }, config.timezone);
  const reports = excuseUnowed(history, geo, config.reporting, config.timezone);
  // The unit's place among its kind, as numbered by the one ranking order (risk/rank.ts).
  const ofKind = snapshot.units.filter((u) => u.kind === unit.kind).length;
  return {
    asOf: snapshot.asOf,
    live,
    unit,
    of: snapshot.units.length,
    kindRank: unit.kindRank,
    ofKind,
    indicators,
    reports,
    lineage: lineageOf(crosswalks, unitId),
  };
}
