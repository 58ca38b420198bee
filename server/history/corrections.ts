import type { UnitDetail } from '../protocol/history.js';
import type { ReadingVersion } from '../store/version-rows.js';
import { toLocalIso } from '../time/local.js';

/**
 * The unit detail with each series point's earlier values (pure): the readings of this unit that
 * corrections had superseded by `t`, oldest first, on the point they were for (a correction is a
 * new version, never an overwrite: issue 15 point 1).
 */
export function withVersions(detail: UnitDetail, superseded: readonly ReadingVersion[], t: number, tz: string): UnitDetail {
  const mine = superseded.filter((v) => v.unit === detail.unit.id && v.supersededAt <= t);
  if (!mine.length) return detail;
  return {
    ...detail,
    indicators: detail.indicators.map((ind) => ({
      ...ind,
      series: ind.series.map((p) => {
        const at = Date.parse(p.at);
        const versions = mine
          .filter((v) => v.indicator === ind.id && v.at === at)
          .map((v) => ({ value: v.value, receivedAt: toLocalIso(v.receivedAt, tz), supersededAt: toLocalIso(v.supersededAt, tz) }));
        return versions.length ? { ...p, versions } : p;
      }),
    })),
  };
}
