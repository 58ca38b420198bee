import { ConfigError } from './errors.js';
import { startOfLocalDay } from './geography.js';
import type { IndicatorConfig, ProvinceFile, TargetVersionConfig } from './schema.js';

/** The catalogue with the province's own targets merged into each indicator's versions, by date. */
export function withLocalTargets(indicators: IndicatorConfig[], local: ProvinceFile['localTargets'], file: string): IndicatorConfig[] {
  local.forEach((t, i) => {
    const ind = indicators.find((x) => x.id === t.indicator);
    if (!ind) throw new ConfigError(file, `localTargets[${i}].indicator`, `expected an indicator id from the catalogue, got "${t.indicator}"`);
    if (t.target < ind.min || t.target > ind.max) throw new ConfigError(file, `localTargets[${i}].target`, `expected a target in [${ind.min}, ${ind.max}]`);
  });
  return indicators.map((ind) => {
    const mine = local.filter((t) => t.indicator === ind.id).map(({ indicator: _, ...t }) => t);
    return mine.length ? { ...ind, targets: [...(ind.targets ?? []), ...mine].sort((a, b) => a.from.localeCompare(b.from)) } : ind;
  });
}

/** The target in force for one indicator: the configured fields are the first version. */
export interface TargetInForce {
  target: number;
  deadline: string;
  source: IndicatorConfig['source'];
  /** Local date the version took effect (null: the configured first version). */
  from: string | null;
  verify: boolean;
  local: boolean;
}

/** The version of `ind`'s target in force at `instant` (pure; local dates in `tz`). */
export function targetAt(ind: IndicatorConfig, instant: number, tz: string): TargetInForce {
  let v: TargetVersionConfig | null = null;
  for (const t of ind.targets ?? []) if (startOfLocalDay(t.from, tz) <= instant) v = t;
  if (!v) return { target: ind.target, deadline: ind.deadline, source: ind.source, from: null, verify: false, local: false };
  return { target: v.target, deadline: v.deadline, source: v.source, from: v.from, verify: v.verify, local: v.local };
}

/**
 * The catalogue as it stood at `instant` (pure): indicators not yet in force (`from`) left out,
 * each with the target, deadline and source of its version then. A 2024 view sees the 2024
 * targets, today's view the 2025–2026 ones.
 */
export function indicatorsAt(indicators: readonly IndicatorConfig[], instant: number, tz: string): IndicatorConfig[] {
  return indicators
    .filter((ind) => !ind.from || startOfLocalDay(ind.from, tz) <= instant)
    .map((ind) => {
      const t = targetAt(ind, instant, tz);
      return t.from ? { ...ind, target: t.target, deadline: t.deadline, source: t.source } : ind;
    });
}
