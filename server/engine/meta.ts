import type { AppConfig } from '../config/types.js';
import type { IndicatorMeta, ProvinceMeta } from '../protocol/state.js';
import type { RiskIndicator } from '../risk/targets.js';

/** The province as the web app describes it (live and past states alike). */
export function provinceMeta(config: AppConfig): ProvinceMeta {
  return { ...config.province, timezone: config.timezone, attribution: config.boundaries.attribution, reportingRule: config.reporting.rule };
}

/** Indicator metadata for the web app: the version in force, without the engine's range and staleness. */
export function indicatorMeta(inForce: readonly RiskIndicator[]): IndicatorMeta[] {
  return inForce.map(({ min: _min, max: _max, staleDays: _s, ...meta }) => meta);
}
