import { describe, expect, it } from 'vitest';
import { filledRows, isCorrection, localDate, offsetAt, placeErrors, readingInstant } from './figures.js';

const TZ = 'Asia/Ho_Chi_Minh';

describe('the unit page form', () => {
  it('files figures of a past day at its end, and of the data clock day at its minute now, in provincial time', () => {
    expect(offsetAt(TZ, Date.parse('2024-08-31T00:00:00Z'))).toBe('+07:00');
    expect(localDate('2024-08-30T18:00:00Z', TZ)).toBe('2024-08-31');
    expect(readingInstant('2024-08-30', '2024-08-31T08:00:30+07:00', TZ)).toBe('2024-08-30T23:59:00+07:00');
    expect(readingInstant('2024-08-31', '2024-08-31T08:12:30+07:00', TZ)).toBe('2024-08-31T08:12:00+07:00');
  });

  it('knows a correction: a reading at an instant already in the series', () => {
    const series = [{ at: '2024-08-30T23:59:00+07:00', value: 40 }];
    expect(isCorrection(series, '2024-08-30T16:59:00Z')).toBe(true);
    expect(isCorrection(series, '2024-08-31T08:00:00+07:00')).toBe(false);
  });

  it('sends filled rows only, and places the server row errors beside their indicator', () => {
    const rows = filledRows({ a: '45,5', b: '', c: 'abc', d: ' 7 ' });
    expect(rows).toEqual([
      { indicator: 'a', value: 45.5 },
      { indicator: 'c', value: 'abc' },
      { indicator: 'd', value: 7 },
    ]);
    const placed = placeErrors(
      [
        { row: 1, field: 'value', problem: 'invalid_type', message: 'expected a number' },
        { field: 'readings', problem: 'too_big', message: 'too many' },
      ],
      rows,
    );
    expect(placed.byIndicator.get('c')).toEqual(['value: expected a number']);
    expect(placed.byIndicator.has('a')).toBe(false);
    expect(placed.general).toEqual(['readings: too many']);
  });
});
