import { describe, expect, it } from 'vitest';
import { readingInputSchema } from '../protocol/readings.js';
import { isPlainReading } from './fast-row.js';

const good = { unit: 'tam-ky', indicator: 'online-dossier-rate', value: 45.5, at: '2024-08-31T10:00:00+07:00' };

/** Rows the fast check must refuse or accept exactly as zod does. */
const CASES: unknown[] = [
  good,
  { ...good, at: '2024-08-30T17:00:00Z' },
  { ...good, at: '2024-08-01T00:00:00.5+07:00' },
  { ...good, at: '2024-08-31T10:00+07:00' },
  { ...good, at: '2024-08-31T10:00:00' },
  { ...good, at: '2024-13-31T10:00:00+07:00' },
  { ...good, at: '2024-02-30T10:00:00+07:00' },
  { ...good, at: '2024-08-31T25:00:00+07:00' },
  { ...good, at: '2024-08-31 10:00:00+07:00' },
  { ...good, at: '2024-08-31T10:00:00+0700' },
  { ...good, at: 'yesterday' },
  { ...good, at: 1725073200000 },
  { ...good, value: '45.5' },
  { ...good, value: Number.NaN },
  { ...good, value: Number.POSITIVE_INFINITY },
  { ...good, value: -0 },
  { ...good, unit: '' },
  { ...good, indicator: 7 },
  { ...good, extra: 1 },
  { unit: good.unit, indicator: good.indicator, value: good.value },
  { ...good, unit: undefined },
  [good.unit, good.indicator, good.value, good.at],
  null,
  'tam-ky',
  Object.assign(Object.create({ inherited: true }) as object, good),
];

describe('isPlainReading: what readingInputSchema accepts as is, faster', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('case %i: accepted only when zod accepts it unchanged', (_, raw) => {
    const zod = readingInputSchema.safeParse(raw);
    if (isPlainReading(raw)) {
      expect(zod.success).toBe(true);
      expect(zod.data).toEqual(raw);
    }
  });

  it('accepts the ordinary rows (the fast path is taken)', () => {
    expect(CASES.slice(0, 3).every((c) => isPlainReading(c))).toBe(true);
    expect(isPlainReading(JSON.parse(JSON.stringify(good)))).toBe(true);
  });
});
