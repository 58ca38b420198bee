import { describe, expect, it } from 'vitest';
import { knownAt } from './asof.js';
import { parseAsOf } from '../http/as-of.js';
import type { StoredReading, StoredReport } from '../store/rows.js';

const H = 3_600_000;
const reading = (at: number, receivedAt: number, value: number): StoredReading => ({
  id: 0,
  unit: 'a',
  indicator: 'x',
  value,
  at,
  receivedAt,
  source: 'api',
  submittedBy: 't',
});
const report = (submittedAt: number): StoredReport => ({ id: 0, unit: 'a', period: '2024-08', submittedAt, source: 'api', submittedBy: 't' });
const version = (recordedAt: number) => ({ indicator: 'x', target: 90, deadline: '2025-01-01', effectiveFrom: 0, recordedAt, setBy: 'admin', reason: 'r' });

describe('knownAt: what the server knew at an instant', () => {
  const rec = {
    // Taken at 10 h; the second was entered only at 30 h (a late figure).
    readings: [reading(10 * H, 11 * H, 40), reading(12 * H, 30 * H, 45)],
    reports: [report(20 * H), report(15 * H)],
    versions: [version(5 * H), version(25 * H)],
  };

  it('leaves out what was taken, received, filed or recorded later', () => {
    const at20 = knownAt(rec, 20 * H, false);
    expect(at20.readings.get('a')!.get('x')!.points()).toEqual([{ t: 10 * H, v: 40 }]);
    expect(at20.reports.get('a')!.get('2024-08')).toBe(15 * H);
    expect(at20.versions).toHaveLength(1);
    const at40 = knownAt(rec, 40 * H, false);
    expect(at40.readings.get('a')!.get('x')).toHaveLength(2);
    expect(at40.versions).toHaveLength(2);
    expect(knownAt(rec, 9 * H, false).readings.size).toBe(0);
  });

  it('a corrected reading shows the value that stood at the instant: the original until the correction was received', () => {
    const superseded = [{ ...reading(10 * H, 11 * H, 40), supersededAt: 22 * H }];
    const corrected = { ...rec, readings: [reading(10 * H, 22 * H, 42)], superseded };
    expect(
      knownAt(corrected, 20 * H, false)
        .readings.get('a')!
        .get('x')!
        .points(),
    ).toEqual([{ t: 10 * H, v: 40 }]);
    expect(
      knownAt(corrected, 22 * H, false)
        .readings.get('a')!
        .get('x')!
        .points(),
    ).toEqual([{ t: 10 * H, v: 42 }]);
    expect(knownAt(corrected, 10.5 * H, false).readings.size).toBe(0);
  });

  it('on the demo clock a reading is known from its own date', () => {
    expect(
      knownAt(rec, 20 * H, true)
        .readings.get('a')!
        .get('x'),
    ).toHaveLength(2);
  });
});

describe('parseAsOf', () => {
  const tz = 'Asia/Ho_Chi_Minh';
  const now = Date.parse('2024-09-27T08:00:00+07:00');
  it('takes an instant, or a date as the end of that local day (today: now)', () => {
    expect(parseAsOf({}, tz, now)).toEqual({ ok: true, t: null });
    expect(parseAsOf({ asOf: '2024-09-01T08:00:00+07:00' }, tz, now)).toEqual({ ok: true, t: Date.parse('2024-09-01T08:00:00+07:00') });
    expect(parseAsOf({ asOf: '2024-09-20' }, tz, now)).toEqual({ ok: true, t: Date.parse('2024-09-21T00:00:00+07:00') - 1 });
    expect(parseAsOf({ asOf: '2024-09-27' }, tz, now)).toEqual({ ok: true, t: now });
  });
  it('refuses the future and nonsense, naming the field', () => {
    for (const asOf of ['2024-09-28', '2024-09-27T09:00:00+07:00', '2024-13-01', '27/09/2024', 'yesterday']) {
      const r = parseAsOf({ asOf }, tz, now);
      expect(r.ok, asOf).toBe(false);
      if (!r.ok) expect(r.error.error.details?.[0]?.field).toBe('asOf');
    }
  });
});
