import { describe, expect, it } from 'vitest';
import { indicatorConfig, RISK, UNITS } from '../../tests/helpers/fixtures.js';
import type { IndicatorConfig } from '../config/schema.js';
import type { Level } from '../protocol/levels.js';
import type { IndicatorState, Reason, ReasonKind, ReportState, ReportStatus, UnitState } from '../protocol/state.js';
import { assessUnit } from './unit.js';
import { rankUnits } from './rank.js';

const UNIT = UNITS.tamKy;
const indicator = (id: string, weight = 1, over: Partial<IndicatorConfig> = {}) => indicatorConfig(id, { weight, ...over });

const KIND: Record<Level, ReasonKind> = {
  met: 'met',
  on_track: 'on_pace',
  at_risk: 'behind_pace',
  off_track: 'behind_pace',
  overdue: 'overdue',
  no_data: 'no_data',
};

/** An indicator assessment as assessIndicator would give it (only what assessUnit reads matters). */
function state(id: string, level: Level, over: Partial<IndicatorState> = {}): IndicatorState {
  const value = level === 'no_data' ? null : level === 'met' ? 100 : 50;
  const projected = level === 'met' || level === 'no_data' || level === 'overdue' ? null : level === 'on_track' ? 100 : 80;
  const reason: Reason = {
    kind: KIND[level],
    indicator: id,
    requiredPace: null,
    achievedPace: null,
    projected,
    target: 100,
    deadline: '2024-09-30',
    slackDays: null,
    lastAt: null,
  };
  return {
    id,
    value,
    at: value === null ? null : '2024-08-01T00:00:00.000+07:00',
    target: 100,
    deadline: '2024-09-30',
    level,
    requiredPace: null,
    achievedPace: null,
    projected,
    completionDate: null,
    slackDays: null,
    readings: value === null ? 0 : 3,
    reason,
    revision: null,
    ...over,
  };
}

function report(period: string, status: ReportStatus): ReportState {
  return {
    period,
    dueAt: `${period}-15T00:00:00.000+07:00`,
    status,
    submittedAt: status === 'on_time' || status === 'late' ? `${period}-14T10:00:00.000+07:00` : null,
  };
}

/** History whose latest due period (2024-07) has `status`; 2024-08 is not yet due. */
const reports = (status: ReportStatus): ReportState[] => [report('2024-06', 'on_time'), report('2024-07', status), report('2024-08', 'not_yet_due')];
const ON_TIME = reports('on_time');

const CATALOGUE = new Map(['a', 'b', 'c'].map((id) => [id, indicator(id)]));

function unit(levels: Level[], reps: ReportState[] = ON_TIME, risk = RISK): UnitState {
  const ids = ['a', 'b', 'c'];
  return assessUnit(
    UNIT,
    levels.map((l, i) => state(ids[i]!, l)),
    CATALOGUE,
    reps,
    risk,
  );
}

describe('assessUnit: level', () => {
  it('copies the unit identity and starts with rank 0', () => {
    const u = unit(['met']);
    expect(u).toMatchObject({ id: 'tam-ky', code: '502', name: { vi: 'Tam Kỳ', en: 'Tam Ky' }, kind: 'area', type: 'city', rank: 0 });
    expect(u.indicators).toHaveLength(1);
    expect(u.reports).toEqual(ON_TIME);
  });

  it('is met, with score 0 and reason met, when everything is met and reported on time', () => {
    const u = unit(['met', 'met']);
    expect(u.level).toBe('met');
    expect(u.score).toBe(0);
    expect(u.reason.kind).toBe('met');
  });

  it.each<[Level[], Level]>([
    [['met', 'on_track'], 'on_track'],
    [['on_track', 'at_risk', 'met'], 'at_risk'],
    [['at_risk', 'off_track', 'on_track'], 'off_track'],
    [['off_track', 'overdue', 'met'], 'overdue'],
    [['overdue', 'at_risk'], 'overdue'],
  ])('is the worst of its indicators: %j → %s', (levels, expected) => {
    expect(unit(levels).level).toBe(expected);
  });

  it.each<[Level[], Level]>([
    [['met', 'no_data'], 'no_data'],
    [['on_track', 'no_data'], 'no_data'],
    [['at_risk', 'no_data'], 'no_data'],
    [['no_data', 'off_track'], 'off_track'],
    [['no_data', 'overdue'], 'overdue'],
  ])('no_data beats at_risk/on_track/met but not off_track/overdue: %j → %s', (levels, expected) => {
    expect(unit(levels).level).toBe(expected);
  });

  it('is no_data with no indicators and no due report', () => {
    const u = assessUnit(UNIT, [], CATALOGUE, [report('2024-08', 'not_yet_due')], RISK);
    expect(u.level).toBe('no_data');
    expect(u.reason.kind).toBe('no_data');
    expect(u.score).toBe(0);
  });

  it('a unit with reports only takes its level from reporting compliance', () => {
    expect(assessUnit(UNIT, [], CATALOGUE, ON_TIME, RISK).level).toBe('met');
    expect(assessUnit(UNIT, [], CATALOGUE, reports('missing'), RISK).level).toBe('off_track');
  });
});

describe('assessUnit: reporting compliance', () => {
  it('a missing report makes the unit off_track by default, with a report_missing reason', () => {
    const u = unit(['met', 'on_track'], reports('missing'));
    expect(u.level).toBe('off_track');
    expect(u.reason.kind).toBe('report_missing');
    expect(u.reason.period).toBe('2024-07');
    expect(u.reason.deadline).toBe('2024-07-15T00:00:00.000+07:00');
  });

  it('a late report makes the unit at_risk by default, with a report_late reason', () => {
    const u = unit(['met', 'on_track'], reports('late'));
    expect(u.level).toBe('at_risk');
    expect(u.reason.kind).toBe('report_late');
    expect(u.reason.period).toBe('2024-07');
  });

  it('uses risk.reportLevels', () => {
    const strict = { ...RISK, reportLevels: { missing: 'overdue', late: 'off_track' } as const };
    expect(unit(['met'], reports('missing'), strict).level).toBe('overdue');
    expect(unit(['met'], reports('late'), strict).level).toBe('off_track');
    const lenient = { ...RISK, reportLevels: { missing: 'at_risk', late: 'on_track' } as const };
    expect(unit(['met'], reports('missing'), lenient).level).toBe('at_risk');
    expect(unit(['met'], reports('late'), lenient).level).toBe('on_track');
  });

  it('does not lower a worse indicator level, and keeps its reason', () => {
    const overdue = unit(['overdue'], reports('missing'));
    expect(overdue.level).toBe('overdue');
    expect(overdue.reason.kind).toBe('overdue');
    const off = unit(['off_track'], reports('missing'));
    expect(off.level).toBe('off_track');
    expect(off.reason.kind).toBe('behind_pace');
    expect(off.reason.indicator).toBe('a');
  });

  it('a late report (at_risk) does not hide no_data; a missing one (off_track) beats it', () => {
    expect(unit(['no_data'], reports('late')).level).toBe('no_data');
    expect(unit(['no_data'], reports('missing')).level).toBe('off_track');
  });

  it('looks at the latest period that is due, skipping one not yet due', () => {
    // 2024-07 missing, 2024-08 not yet due → missing counts.
    expect(unit(['met'], reports('missing')).level).toBe('off_track');
    // An older missing period does not count once the latest due one is on time.
    const h = [report('2024-05', 'missing'), report('2024-06', 'late'), report('2024-07', 'on_time'), report('2024-08', 'not_yet_due')];
    expect(unit(['met'], h).level).toBe('met');
  });
});

describe('assessUnit: reason', () => {
  it('comes from the worst indicator', () => {
    const u = unit(['on_track', 'off_track', 'at_risk']);
    expect(u.reason.indicator).toBe('b');
    expect(u.reason).toBe(u.indicators[1]!.reason);
  });

  it('among indicators at the same level, comes from the one with the larger weighted shortfall', () => {
    const catalogue = new Map([
      ['a', indicator('a', 1)],
      ['b', indicator('b', 3)],
    ]);
    // Same projected shortfall, b weighs more.
    const u = assessUnit(UNIT, [state('a', 'off_track'), state('b', 'off_track')], catalogue, ON_TIME, RISK);
    expect(u.reason.indicator).toBe('b');
    // Same weight, a is further from its target.
    const v = assessUnit(UNIT, [state('a', 'off_track', { projected: 40 }), state('b', 'off_track', { projected: 80 })], CATALOGUE, ON_TIME, RISK);
    expect(v.reason.indicator).toBe('a');
  });

  it('comes from the no_data indicator when no_data is the worst', () => {
    const u = unit(['at_risk', 'no_data']);
    expect(u.reason.kind).toBe('no_data');
    expect(u.reason.indicator).toBe('b');
  });
});

describe('assessUnit: score', () => {
  it('is the weighted projected shortfall in percent', () => {
    const catalogue = new Map([
      ['a', indicator('a', 1)],
      ['b', indicator('b', 3)],
    ]);
    // a met (share 0), b projected 70 of 100 (share 0.3): 100 × (0 × 1 + 0.3 × 3) / 4 = 22.5
    const u = assessUnit(UNIT, [state('a', 'met'), state('b', 'off_track', { projected: 70 })], catalogue, ON_TIME, RISK);
    expect(u.score).toBeCloseTo(22.5, 5);
  });

  it('is higher for worse units', () => {
    const scores = (['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as Level[]).map((l) => unit([l, 'met']).score);
    // met 0, on_track (projected 100) 0, at_risk/off_track (projected 80) 10, no_data 50.
    expect(scores[0]).toBe(0);
    expect(scores[2]).toBeGreaterThan(scores[1]!);
    expect(scores[4]).toBeGreaterThan(scores[3]!);
    const far = assessUnit(UNIT, [state('a', 'off_track', { projected: 40 })], CATALOGUE, ON_TIME, RISK);
    const near = assessUnit(UNIT, [state('a', 'off_track', { projected: 90 })], CATALOGUE, ON_TIME, RISK);
    expect(far.score).toBeGreaterThan(near.score);
  });

  it('adds a penalty for a missing (more) or late (less) latest report', () => {
    const base = unit(['at_risk']).score;
    const late = unit(['at_risk'], reports('late')).score;
    const missing = unit(['at_risk'], reports('missing')).score;
    expect(late).toBeGreaterThan(base);
    expect(missing).toBeGreaterThan(late);
  });

  it('stays within 0..100', () => {
    const u = unit(['no_data', 'no_data', 'no_data'], reports('missing'));
    expect(u.score).toBe(100);
    expect(unit(['met', 'met']).score).toBe(0);
  });
});

describe('rankUnits', () => {
  const mk = (id: string, level: Level, score: number): UnitState => ({ ...unit(['met']), id, level, score });

  it('gives rank 1 to the worst unit, by level then score then id', () => {
    const units = [
      mk('a', 'met', 0),
      mk('b', 'overdue', 10),
      mk('c', 'at_risk', 40),
      mk('d', 'no_data', 50),
      mk('e', 'off_track', 20),
      mk('f', 'off_track', 60),
      mk('g', 'at_risk', 40),
    ];
    const ranked = rankUnits(units);
    const rank = Object.fromEntries(ranked.map((u) => [u.id, u.rank]));
    expect(rank).toEqual({ b: 1, f: 2, e: 3, d: 4, c: 5, g: 6, a: 7 });
  });

  it('keeps the input order, returns new objects and does not mutate the input', () => {
    const units = [mk('x', 'met', 0), mk('y', 'off_track', 30)];
    const ranked = rankUnits(units);
    expect(ranked.map((u) => u.id)).toEqual(['x', 'y']);
    expect(ranked.map((u) => u.rank)).toEqual([2, 1]);
    expect(units.map((u) => u.rank)).toEqual([0, 0]);
    expect(ranked[0]).not.toBe(units[0]);
  });

  it('ranks a worse unit (from assessUnit) above a better one', () => {
    const good = { ...unit(['on_track', 'met']), id: 'good' };
    const bad = { ...unit(['on_track', 'met'], reports('missing')), id: 'bad' };
    const ranked = rankUnits([good, bad]);
    expect(ranked.find((u) => u.id === 'bad')!.rank).toBe(1);
    expect(ranked.find((u) => u.id === 'good')!.rank).toBe(2);
  });

  it('handles an empty list', () => {
    expect(rankUnits([])).toEqual([]);
  });
});
