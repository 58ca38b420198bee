import { describe, expect, it } from 'vitest';
import type { ReportingConfig } from '../config/schema.js';
import type { ReportState } from '../protocol/state.js';
import { excuseUnowed, latestDue, reportDueAt, reportHistory } from './reports.js';

const TZ = 'Asia/Ho_Chi_Minh';
/** An instant given as a local (UTC+7) wall-clock time. */
const local = (iso: string) => Date.parse(`${iso}+07:00`);

function rule(over: Partial<ReportingConfig> = {}): ReportingConfig {
  return {
    period: 'monthly',
    dueDay: 15,
    dueMonthOffset: 0,
    history: 6,
    rule: { vi: 'Trước ngày 15 hằng tháng', en: 'Before the 15th of each month' },
    ...over,
  };
}

const last = (h: ReportState[]) => h[h.length - 1]!;

describe('reportDueAt', () => {
  it('is 00:00 local time on the due day of the period', () => {
    expect(reportDueAt('2024-08', rule(), TZ)).toBe(local('2024-08-15T00:00:00'));
    expect(reportDueAt('2024-08', rule(), TZ)).toBe(Date.parse('2024-08-14T17:00:00Z'));
  });

  it('applies dueMonthOffset, across a year end', () => {
    expect(reportDueAt('2024-08', rule({ dueMonthOffset: 1 }), TZ)).toBe(local('2024-09-15T00:00:00'));
    expect(reportDueAt('2024-12', rule({ dueMonthOffset: 1 }), TZ)).toBe(local('2025-01-15T00:00:00'));
    expect(reportDueAt('2024-11', rule({ dueMonthOffset: 2 }), TZ)).toBe(local('2025-01-15T00:00:00'));
  });

  it('uses the configured due day', () => {
    expect(reportDueAt('2024-02', rule({ dueDay: 28 }), TZ)).toBe(local('2024-02-28T00:00:00'));
    expect(reportDueAt('2024-03', rule({ dueDay: 1 }), TZ)).toBe(local('2024-03-01T00:00:00'));
  });
});

describe('reportHistory: the 15th at midnight local time', () => {
  const now = local('2024-08-20T09:00:00');

  it('a report submitted at 23:59:59 on the 14th is on time', () => {
    const h = reportHistory(new Map([['2024-08', local('2024-08-14T23:59:59')]]), now, rule(), TZ);
    expect(last(h)).toEqual({
      period: '2024-08',
      dueAt: '2024-08-15T00:00:00.000+07:00',
      status: 'on_time',
      submittedAt: '2024-08-14T23:59:59.000+07:00',
    });
  });

  it('a report submitted at 00:00:00 on the 15th is late', () => {
    const h = reportHistory(new Map([['2024-08', local('2024-08-15T00:00:00')]]), now, rule(), TZ);
    expect(last(h).status).toBe('late');
    expect(last(h).submittedAt).toBe('2024-08-15T00:00:00.000+07:00');
  });

  it('a report one millisecond before the due instant is on time', () => {
    const h = reportHistory(new Map([['2024-08', local('2024-08-15T00:00:00') - 1]]), now, rule(), TZ);
    expect(last(h).status).toBe('on_time');
  });

  it('a period with no submission is not_yet_due before 2024-08-15T00:00+07:00', () => {
    const h = reportHistory(new Map(), local('2024-08-14T23:59:59.999'), rule(), TZ);
    expect(last(h)).toEqual({ period: '2024-08', dueAt: '2024-08-15T00:00:00.000+07:00', status: 'not_yet_due', submittedAt: null });
  });

  it('a period with no submission is missing from 2024-08-15T00:00+07:00', () => {
    const h = reportHistory(new Map(), local('2024-08-15T00:00:00'), rule(), TZ);
    expect(last(h).period).toBe('2024-08');
    expect(last(h).status).toBe('missing');
    expect(last(h).submittedAt).toBeNull();
  });

  it('the boundary is local, not UTC (16:59:59Z vs 17:00:00Z on the 14th)', () => {
    expect(last(reportHistory(new Map(), Date.parse('2024-08-14T16:59:59.999Z'), rule(), TZ)).status).toBe('not_yet_due');
    expect(last(reportHistory(new Map(), Date.parse('2024-08-14T17:00:00Z'), rule(), TZ)).status).toBe('missing');
  });
});

describe('reportHistory: history', () => {
  it('has rule.history periods, oldest first, ending with the period containing now', () => {
    const h = reportHistory(new Map(), local('2024-08-20T09:00:00'), rule(), TZ);
    expect(h).toHaveLength(6);
    expect(h.map((r) => r.period)).toEqual(['2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08']);
    expect(h.map((r) => r.dueAt)).toEqual([
      '2024-03-15T00:00:00.000+07:00',
      '2024-04-15T00:00:00.000+07:00',
      '2024-05-15T00:00:00.000+07:00',
      '2024-06-15T00:00:00.000+07:00',
      '2024-07-15T00:00:00.000+07:00',
      '2024-08-15T00:00:00.000+07:00',
    ]);
    expect(h.every((r) => r.status === 'missing')).toBe(true);
  });

  it('honours the configured history length', () => {
    expect(reportHistory(new Map(), local('2024-08-20T09:00:00'), rule({ history: 1 }), TZ)).toHaveLength(1);
    expect(reportHistory(new Map(), local('2024-08-20T09:00:00'), rule({ history: 12 }), TZ)).toHaveLength(12);
  });

  it('crosses a year end', () => {
    const h = reportHistory(new Map(), local('2025-01-05T09:00:00'), rule({ history: 3 }), TZ);
    expect(h.map((r) => r.period)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(h.map((r) => r.status)).toEqual(['missing', 'missing', 'not_yet_due']);
  });

  it('takes the current period in local time (00:00 local on the 1st is the new month)', () => {
    const h = reportHistory(new Map(), local('2024-09-01T00:00:00'), rule({ history: 2 }), TZ);
    expect(h.map((r) => r.period)).toEqual(['2024-08', '2024-09']);
    const before = reportHistory(new Map(), local('2024-08-31T23:59:59'), rule({ history: 2 }), TZ);
    expect(before.map((r) => r.period)).toEqual(['2024-07', '2024-08']);
  });

  it('mixes statuses per period', () => {
    const submitted = new Map([
      ['2024-06', local('2024-06-10T08:00:00')],
      ['2024-07', local('2024-07-20T08:00:00')],
    ]);
    const h = reportHistory(submitted, local('2024-08-10T09:00:00'), rule({ history: 4 }), TZ);
    expect(h.map((r) => [r.period, r.status])).toEqual([
      ['2024-05', 'missing'],
      ['2024-06', 'on_time'],
      ['2024-07', 'late'],
      ['2024-08', 'not_yet_due'],
    ]);
  });

  it('ignores submissions after now', () => {
    const submitted = new Map([['2024-08', local('2024-08-14T23:59:59')]]);
    const early = reportHistory(submitted, local('2024-08-14T12:00:00'), rule(), TZ);
    expect(last(early)).toMatchObject({ status: 'not_yet_due', submittedAt: null });
    // Late submission after now, with the due date passed: still missing as of now.
    const late = new Map([['2024-08', local('2024-08-16T10:00:00')]]);
    expect(last(reportHistory(late, local('2024-08-15T12:00:00'), rule(), TZ))).toMatchObject({ status: 'missing', submittedAt: null });
    expect(last(reportHistory(late, local('2024-08-16T10:00:00'), rule(), TZ))).toMatchObject({ status: 'late' });
  });

  it('with dueMonthOffset 1 ends at the previous period, due this month', () => {
    const r = rule({ dueMonthOffset: 1, history: 3 });
    const h = reportHistory(new Map([['2024-07', local('2024-08-14T10:00:00')]]), local('2024-08-20T09:00:00'), r, TZ);
    expect(h.map((x) => x.period)).toEqual(['2024-05', '2024-06', '2024-07']);
    expect(h.map((x) => x.dueAt)).toEqual(['2024-06-15T00:00:00.000+07:00', '2024-07-15T00:00:00.000+07:00', '2024-08-15T00:00:00.000+07:00']);
    expect(h.map((x) => x.status)).toEqual(['missing', 'missing', 'on_time']);
    const early = reportHistory(new Map(), local('2024-08-10T09:00:00'), r, TZ);
    expect(last(early)).toMatchObject({ period: '2024-07', status: 'not_yet_due' });
  });
});

describe('latestDue', () => {
  it('is the latest period whose due date has passed', () => {
    const h = reportHistory(new Map([['2024-07', local('2024-07-01T00:00:00')]]), local('2024-08-10T09:00:00'), rule(), TZ);
    expect(last(h).status).toBe('not_yet_due');
    expect(latestDue(h)).toMatchObject({ period: '2024-07', status: 'on_time' });
    const after = reportHistory(new Map(), local('2024-08-15T00:00:00'), rule(), TZ);
    expect(latestDue(after)).toMatchObject({ period: '2024-08', status: 'missing' });
  });

  it('is null when nothing in the history is due yet', () => {
    expect(latestDue([])).toBeNull();
    expect(latestDue(reportHistory(new Map(), local('2024-08-10T09:00:00'), rule({ history: 1 }), TZ))).toBeNull();
  });
});

describe('excuseUnowed: periods a unit did not owe are never missing or late', () => {
  const now = local('2026-11-29T10:00:00');
  const statuses = (r: ReportingConfig, unit = {}, filed = new Map<string, number>()) =>
    excuseUnowed(reportHistory(filed, now, r, TZ), unit, r, TZ).map((x) => x.status);

  it('before go-live, and a period due before go-live, show not_yet_due; after, missing', () => {
    expect(statuses(rule({ since: '2026-11-20' }))).toEqual(['not_yet_due', 'not_yet_due', 'not_yet_due', 'not_yet_due', 'not_yet_due', 'not_yet_due']);
    expect(statuses(rule({ since: '2026-11-01' })).slice(-2)).toEqual(['not_yet_due', 'missing']);
    expect(statuses(rule())).toEqual(['missing', 'missing', 'missing', 'missing', 'missing', 'missing']);
  });
  it('a late filing before the rule applied is not held against the unit, and keeps its date', () => {
    const h = excuseUnowed(
      reportHistory(new Map([['2026-10', local('2026-11-20T09:00:00')]]), now, rule(), TZ),
      { start: local('2026-11-01T00:00:00') },
      rule(),
      TZ,
    );
    expect(h.at(-2)).toMatchObject({ period: '2026-10', status: 'not_yet_due', submittedAt: '2026-11-20T09:00:00.000+07:00' });
    expect(h.at(-1)!.status).toBe('missing');
  });
  it('a unit not reporting owes nothing', () => {
    expect(statuses(rule(), { reporting: false }).every((s) => s === 'not_yet_due')).toBe(true);
  });
});
