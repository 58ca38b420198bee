import { describe, expect, it } from 'vitest';
import { problems as problemLines } from '../../tests/helpers/fixtures.js';
import { loadConfig } from '../config/load.js';
import { FUTURE_TOLERANCE_MS, validateReadings } from './validate.js';

const config = loadConfig('config/quang-nam-2024.json');
const NOW = Date.parse('2024-08-31T08:00:00+07:00');

const row = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  unit: 'tam-ky',
  indicator: 'online-dossier-rate',
  value: 45.5,
  at: '2024-08-31T07:00:00+07:00',
  ...over,
});

const validate = (body: unknown) => validateReadings(body, config, NOW);

/** The details of a rejected body, as [row, field, problem] triples. */
function problems(body: unknown): [number | undefined, string, string][] {
  const res = validate(body);
  if (res.ok) throw new Error(`expected a rejection, got ${JSON.stringify(res.rows)}`);
  expect(res.details.length).toBeGreaterThan(0);
  for (const d of res.details) expect(d.message).toEqual(expect.any(String));
  return res.details.map((d) => [d.row, d.field, d.problem]);
}

describe('validateReadings: valid batches', () => {
  it('returns the rows with `at` as ms since the epoch', () => {
    const res = validate({
      readings: [
        row(),
        row({ unit: 'so-tu-phap', indicator: 'igate-entry', value: 0, at: '2024-08-30T17:00:00Z' }),
        row({ unit: 'nong-son', indicator: 'service-index-766', value: 100, at: '2024-08-01T00:00:00.5+07:00' }),
      ],
    });
    expect(res).toEqual({
      ok: true,
      rows: [
        { unit: 'tam-ky', indicator: 'online-dossier-rate', value: 45.5, at: Date.UTC(2024, 7, 31, 0, 0, 0) },
        { unit: 'so-tu-phap', indicator: 'igate-entry', value: 0, at: Date.UTC(2024, 7, 30, 17, 0, 0) },
        { unit: 'nong-son', indicator: 'service-index-766', value: 100, at: Date.UTC(2024, 6, 31, 17, 0, 0, 500) },
      ],
    });
  });

  it('accepts the range bounds (0 and 100 for a percent)', () => {
    expect(validate({ readings: [row({ value: 0 }), row({ value: 100, at: '2024-08-31T06:00:00+07:00' })] }).ok).toBe(true);
  });

  it('accepts a reading up to 5 minutes ahead of the data clock', () => {
    expect(FUTURE_TOLERANCE_MS).toBe(5 * 60_000);
    const res = validate({ readings: [row({ at: '2024-08-31T08:05:00+07:00' })] });
    expect(res).toEqual({ ok: true, rows: [expect.objectContaining({ at: NOW + 5 * 60_000 })] });
  });
});

describe('validateReadings: the body', () => {
  it('not an object', () => {
    expect(problems(null)).toEqual([[undefined, '(body)', 'invalid_type']]);
    expect(problems('readings')).toEqual([[undefined, '(body)', 'invalid_type']]);
    expect(problems([row()])).toEqual([[undefined, '(body)', 'invalid_type']]);
  });

  it('missing or non-array readings', () => {
    expect(problems({})).toEqual([[undefined, 'readings', 'invalid_type']]);
    expect(problems({ readings: row() })).toEqual([[undefined, 'readings', 'invalid_type']]);
  });

  it('empty readings', () => {
    expect(problems({ readings: [] })).toEqual([[undefined, 'readings', 'too_small']]);
  });

  it('an extra top-level key', () => {
    const res = validate({ readings: [row()], token: 'x' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.details).toEqual([{ field: 'token', problem: 'unrecognized_keys', message: expect.stringContaining('token') }]);
  });
});

describe('validateReadings: rows', () => {
  it('value as a string', () => {
    expect(problems({ readings: [row({ value: '45' })] })).toEqual([[0, 'value', 'invalid_type']]);
  });

  it('NaN and Infinity (as JSON.parse gives for 1e999)', () => {
    expect(JSON.parse('{"v":1e999}').v).toBe(Infinity);
    expect(problems({ readings: [row({ value: Number.NaN })] })).toEqual([[0, 'value', 'invalid_type']]);
    expect(problems({ readings: [row({ value: Infinity })] })).toEqual([[0, 'value', 'invalid_type']]);
    expect(problems({ readings: [row({ value: -Infinity })] })).toEqual([[0, 'value', 'invalid_type']]);
  });

  it('out of range', () => {
    const res = validate({ readings: [row({ value: 120 })] });
    expect(res).toMatchObject({ ok: false, details: [{ row: 0, field: 'value', problem: 'out_of_range', message: expect.stringContaining('[0, 100]') }] });
    expect(problems({ readings: [row({ value: -0.1 })] })).toEqual([[0, 'value', 'out_of_range']]);
  });

  it('unknown unit', () => {
    expect(problems({ readings: [row({ unit: 'da-nang' })] })).toEqual([[0, 'unit', 'unknown_unit']]);
  });

  it('unknown indicator', () => {
    expect(problems({ readings: [row({ indicator: 'vneid-activations' })] })).toEqual([[0, 'indicator', 'unknown_indicator']]);
  });

  it('indicator not applicable to the unit (area-only indicator for a department)', () => {
    expect(problems({ readings: [row({ unit: 'so-tu-phap', indicator: 'civil-registry-digitisation' })] })).toEqual([[0, 'indicator', 'not_applicable']]);
    // the same indicator is fine for an area unit
    expect(validate({ readings: [row({ indicator: 'civil-registry-digitisation' })] }).ok).toBe(true);
  });

  it('time without an offset, or unparsable', () => {
    for (const at of ['2024-08-31T07:00:00', '2024-08-31', 'yesterday', '2024-02-30T07:00:00+07:00', '31/08/2024 07:00', 1725062400000]) {
      expect(problems({ readings: [row({ at })] }), String(at)).toEqual([[0, 'at', expect.stringMatching(/^invalid_(format|type)$/)]]);
    }
    expect(problems({ readings: [row({ at: '2024-08-31T07:00:00' })] })).toEqual([[0, 'at', 'invalid_format']]);
  });

  it('time more than 5 minutes in the future', () => {
    expect(problems({ readings: [row({ at: '2024-08-31T08:05:01+07:00' })] })).toEqual([[0, 'at', 'in_future']]);
    expect(problems({ readings: [row({ at: '2024-09-01T00:00:00Z' })] })).toEqual([[0, 'at', 'in_future']]);
  });

  it('duplicate rows: same unit, indicator and instant written with different offsets', () => {
    const res = validate({
      readings: [row({ at: '2024-08-31T07:30:00+07:00' }), row({ value: 50, at: '2024-08-31T07:00:00+07:00' }), row({ value: 46, at: '2024-08-31T00:30:00Z' })],
    });
    expect(res).toEqual({
      ok: false,
      message: expect.any(String),
      details: [{ row: 2, field: 'at', problem: 'duplicate', message: expect.stringContaining('row 0') }],
    });
  });

  it('duplicate detection with the instants from the brief (10:00+07:00 and 03:00Z)', () => {
    const res = validateReadings(
      { readings: [row({ at: '2024-08-31T10:00:00+07:00' }), row({ at: '2024-08-31T03:00:00Z' })] },
      config,
      Date.parse('2024-08-31T12:00:00+07:00'),
    );
    expect(res).toMatchObject({ ok: false, details: [{ row: 1, field: 'at', problem: 'duplicate', message: expect.stringContaining('row 0') }] });
  });

  it('the same instant for another unit or indicator is not a duplicate', () => {
    expect(validate({ readings: [row(), row({ unit: 'hoi-an' }), row({ indicator: 'igate-entry' })] }).ok).toBe(true);
  });

  it('several series at one instant: each duplicate names the first row of its own series', () => {
    const res = validate({
      readings: [row(), row({ unit: 'hoi-an' }), row({ unit: 'hoi-an', value: 1 }), row({ value: 2 }), row({ unit: 'hoi-an', value: 3 })],
    });
    expect(res.ok ? [] : res.details.map((d) => [d.row, d.problem, d.message.match(/row \d+/)?.[0]])).toEqual([
      [2, 'duplicate', 'row 1'],
      [3, 'duplicate', 'row 0'],
      [4, 'duplicate', 'row 1'],
    ]);
  });

  it('unknown keys and missing fields in a row', () => {
    expect(problems({ readings: [row({ colour: 'red' })] })).toEqual([[0, 'colour', 'unrecognized_keys']]);
    expect(problems({ readings: [{ unit: 'tam-ky' }] })).toEqual([
      [0, 'indicator', 'invalid_type'],
      [0, 'value', 'invalid_type'],
      [0, 'at', 'invalid_type'],
    ]);
  });

  it('a row that is not an object is named as the row, not the body', () => {
    expect(problems({ readings: [row(), null] })).toEqual([[1, '(row)', 'invalid_type']]);
  });

  it('reports every problem of every row at once, and stores nothing', () => {
    const res = validate({
      readings: [
        row(),
        row({ value: '45' }),
        row({ unit: 'da-nang', value: 120 }),
        row({ at: '2024-08-31T07:00:00Z' }),
        row({ unit: 'so-tu-phap', indicator: 'land-database' }),
        row({ at: '2024-08-31T00:00:00Z' }),
      ],
    });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.message).toContain('6 problem(s)');
    expect(problemLines(res.details)).toEqual([
      'row 1 value: invalid_type',
      'row 2 unit: unknown_unit',
      'row 2 value: out_of_range',
      'row 3 at: in_future',
      'row 4 indicator: not_applicable',
      'row 5 at: duplicate',
    ]);
  });
});
