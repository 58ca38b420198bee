import { DateTime } from 'luxon';
import type { GeoUnit } from '../config/types.js';

/**
 * Whether a unit owes the monthly report for `month` (YYYY-MM) (pure). Not owed, and so never
 * "missing": a unit marked not reporting (Hoàng Sa); a month that ends before the province's
 * go-live `since` ("before the rule applied"); a month the unit did not exist in at all.
 */
export function reportOwed(unit: Pick<GeoUnit, 'reporting' | 'start' | 'end'>, month: string, since: string | undefined, tz: string): boolean {
  if (!unit.reporting) return false;
  const first = DateTime.fromISO(`${month}-01`, { zone: tz });
  const start = first.toMillis();
  const end = first.plus({ months: 1 }).toMillis();
  if (since && end <= DateTime.fromISO(since, { zone: tz }).toMillis()) return false;
  return unit.start < end && unit.end > start;
}
