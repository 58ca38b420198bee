/** The fast check of a reading row: what readingInputSchema accepts, without zod's cost per row (issue 16). */
import { instantSchema, type ReadingInput } from '../protocol/readings.js';

/** The very pattern zod tests `at` against (an ISO 8601 time with offset). */
const INSTANT = instantSchema._zod.def.pattern!;

/**
 * Whether `raw` is a row readingInputSchema accepts as is: exactly unit, indicator (non-empty
 * strings), value (a finite number) and at (zod's own pattern). A row this refuses is checked by
 * zod, which names its problems; one it accepts zod would accept unchanged.
 */
export function isPlainReading(raw: unknown): raw is ReadingInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const r = raw as Record<string, unknown>;
  let keys = 0;
  for (const k in r) {
    if (k !== 'unit' && k !== 'indicator' && k !== 'value' && k !== 'at') return false;
    keys++;
  }
  if (keys !== 4) return false;
  const { unit, indicator, value, at } = r;
  return (
    typeof unit === 'string' &&
    unit.length > 0 &&
    typeof indicator === 'string' &&
    indicator.length > 0 &&
    typeof value === 'number' &&
    Number.isFinite(value) &&
    typeof at === 'string' &&
    INSTANT.test(at)
  );
}
