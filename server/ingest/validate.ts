import type { AppConfig, GeoUnit } from '../config/types.js';
import { unitsById, validityError } from '../geography/validity.js';
import { checkRows, issueDetails } from '../http/boundary.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { instantMs } from './fast-instant.js';
import { isPlainReading } from './fast-row.js';
import { MAX_READINGS_PER_REQUEST, readingInputSchema, readingsBodySchema } from '../protocol/readings.js';

/** How far in the future (relative to the data clock) a reading may be stamped. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Nothing this product tracks predates it: an older time is a typo (e.g. a year 0024). */
export const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

export interface ValidReading {
  unit: string;
  indicator: string;
  value: number;
  at: number;
}

export type Validated<T> = { ok: true; rows: T[] } | { ok: false; message: string; details: ErrorDetail[] };

/**
 * Validate a POST /api/readings body completely: every problem of every row, each with
 * its row index and field, so that one answer tells the sender everything to fix.
 */
export function validateReadings(body: unknown, config: AppConfig, now: number, maxRows = MAX_READINGS_PER_REQUEST): Validated<ValidReading> {
  const top = readingsBodySchema.safeParse(body);
  if (top.success && top.data.readings.length > maxRows) {
    return {
      ok: false,
      message: `At most ${maxRows} readings per request.`,
      details: [{ field: 'readings', problem: 'too_big', message: `at most ${maxRows} readings per request` }],
    };
  }
  if (!top.success) {
    return {
      ok: false,
      message: 'The body must be {"readings": [...]}.',
      details: issueDetails(top.error.issues),
    };
  }
  const { units, indicators } = lookups(config);
  const firstOf = duplicates();
  const { rows, details } = checkRows(
    top.data.readings,
    readingInputSchema,
    (r, problem, row): ValidReading => {
      const unit = units.get(r.unit);
      const ind = indicators.get(r.indicator);
      if (!unit) problem('unit', 'unknown_unit', `unknown unit "${r.unit}"`);
      if (!ind) problem('indicator', 'unknown_indicator', `unknown indicator "${r.indicator}"`);
      if (unit && ind && !ind.appliesTo.includes(unit.kind))
        problem('indicator', 'not_applicable', `indicator "${ind.id}" does not apply to unit "${unit.id}"`);
      if (ind && (r.value < ind.min || r.value > ind.max)) problem('value', 'out_of_range', `expected a value in [${ind.min}, ${ind.max}], got ${r.value}`);
      const at = instantMs(r.at);
      const outside = unit && validityProblem(unit, at);
      if (outside) problem('unit', 'outside_validity', outside);
      if (at > now + FUTURE_TOLERANCE_MS) problem('at', 'in_future', `time ${r.at} is in the future (data clock: ${new Date(now).toISOString()})`);
      if (at < EARLIEST) problem('at', 'too_old', `time ${r.at} is before 2000-01-01: a typo?`);
      const first = firstOf(r.unit, r.indicator, at, row);
      if (first !== undefined) problem('at', 'duplicate', `duplicate of row ${first} (same unit, indicator and time)`);
      return { unit: r.unit, indicator: r.indicator, value: r.value, at };
    },
    isPlainReading,
  );

  if (details.length) {
    return { ok: false, message: `${details.length} problem(s) in the readings; nothing was stored.`, details };
  }
  return { ok: true, rows };
}

type Lookups = { units: Map<string, GeoUnit>; indicators: Map<string, AppConfig['indicators'][number]> };
const LOOKUPS = new WeakMap<AppConfig, Lookups>();

/** Units and indicators by id, built once per configuration (every unit of every version: a few ms a request at 3,321 units). */
function lookups(config: AppConfig): Lookups {
  let l = LOOKUPS.get(config);
  if (!l) LOOKUPS.set(config, (l = { units: unitsById(config.geography), indicators: new Map(config.indicators.map((i) => [i.id, i])) }));
  return l;
}

/**
 * Why a unit may not have data at `at` (its geography's validity: geography/validity.ts), in
 * Vietnamese then English, or null when it may.
 */
export function validityProblem(unit: GeoUnit, at: number): string | null {
  const why = validityError(unit, at);
  return why && `${why.vi} / ${why.en}`;
}

/**
 * The duplicate check of a batch: the first row with the same unit, indicator and instant, or
 * undefined (this row is then the first). Keyed by instant first, a number: a batch's instants
 * rarely repeat, and a text key per row cost more than every other check together.
 */
function duplicates(): (unit: string, indicator: string, at: number, row: number) => number | undefined {
  const byAt = new Map<number, { unit: string; indicator: string; row: number }>();
  const byKey = new Map<string, number>();
  const key = (unit: string, indicator: string, at: number) => `${unit}\u0000${indicator}\u0000${at}`;
  return (unit, indicator, at, row) => {
    const earlier = byAt.get(at);
    if (earlier === undefined) {
      byAt.set(at, { unit, indicator, row });
      return undefined;
    }
    const k0 = key(earlier.unit, earlier.indicator, at);
    if (!byKey.has(k0)) byKey.set(k0, earlier.row);
    const k = key(unit, indicator, at);
    const first = byKey.get(k);
    if (first === undefined) byKey.set(k, row);
    return first;
  };
}
