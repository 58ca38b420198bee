import type { AppConfig, GeographyVersion } from '../config/types.js';
import type { IndicatorMeta, ProvinceMeta } from '../protocol/state.js';
import type { RiskIndicator } from '../risk/targets.js';

/** The province as the web app describes it, with the attribution of the geography version in force. */
export function provinceMeta(config: AppConfig, version: Pick<GeographyVersion, 'attribution'>): ProvinceMeta {
  return { ...config.province, timezone: config.timezone, attribution: version.attribution, reportingRule: config.reporting.rule };
}

/** Indicator metadata for the web app: the version in force, without the engine's range, staleness and catalogue versions. */
export function indicatorMeta(inForce: readonly RiskIndicator[]): IndicatorMeta[] {
  return inForce.map(({ min: _min, max: _max, staleDays: _s, targets: _t, from: _f, ...meta }) => meta);
}
