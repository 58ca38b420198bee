import type { AppConfig, GeoUnit } from '../config/types.js';
import { unitsById, validityError } from '../geography/validity.js';
import { checkRows, issueDetails } from '../http/boundary.js';
import type { ErrorDetail } from '../protocol/errors.js';
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
  const units = unitsById(config.geography);
  const indicators = new Map(config.indicators.map((i) => [i.id, i]));
  const seen = new Map<string, number>();
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
      const at = Date.parse(r.at);
      const outside = unit && validityProblem(unit, at);
      if (outside) problem('unit', 'outside_validity', outside);
      if (at > now + FUTURE_TOLERANCE_MS) problem('at', 'in_future', `time ${r.at} is in the future (data clock: ${new Date(now).toISOString()})`);
      if (at < EARLIEST) problem('at', 'too_old', `time ${r.at} is before 2000-01-01: a typo?`);
      const key = `${r.unit}\u0000${r.indicator}\u0000${at}`;
      const first = seen.get(key);
      if (first !== undefined) problem('at', 'duplicate', `duplicate of row ${first} (same unit, indicator and time)`);
      else seen.set(key, row);
      return { unit: r.unit, indicator: r.indicator, value: r.value, at };
    },
    isPlainReading,
  );

  if (details.length) {
    return { ok: false, message: `${details.length} problem(s) in the readings; nothing was stored.`, details };
  }
  return { ok: true, rows };
}

/**
 * Why a unit may not have data at `at` (its geography's validity: geography/validity.ts), in
 * Vietnamese then English, or null when it may.
 */
export function validityProblem(unit: GeoUnit, at: number): string | null {
  const why = validityError(unit, at);
  return why && `${why.vi} / ${why.en}`;
}
