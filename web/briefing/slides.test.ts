import { describe, expect, it } from 'vitest';
import type { Level, Snapshot, UnitState } from '../../server/protocol/index.js';
import { buildSlides, previousPeriodEnd } from './slides.js';

const unit = (id: string, level: Level, rank: number, ind: Level = level, report: 'on_time' | 'missing' = 'on_time'): UnitState =>
  ({
    id,
    kind: 'area',
    level,
    rank,
    indicators: [{ id: 'x', level: ind }],
    reports: [
      { period: '2024-07', status: report, dueAt: '2024-08-15T00:00:00.000+07:00', submittedAt: null },
      { period: '2024-08', status: 'not_yet_due', dueAt: '2024-09-15T00:00:00.000+07:00', submittedAt: null },
    ],
  }) as unknown as UnitState;

const snap = (asOf: string, units: UnitState[]): Snapshot =>
  ({
    asOf,
    units,
    indicators: [
      { id: 'x', deadline: '2024-12-31', appliesTo: ['area'] },
      { id: 'old', deadline: '2024-06-30', appliesTo: ['area'] },
    ],
  }) as unknown as Snapshot;

describe('briefing slides from the data', () => {
  it('summary, worsened, each off-track/overdue unit worst first, compliance, upcoming deadlines', () => {
    const now = snap('2024-09-27T08:00:00.000+07:00', [
      unit('a', 'on_track', 4),
      unit('b', 'overdue', 1),
      unit('c', 'off_track', 2, 'off_track', 'missing'),
      unit('d', 'at_risk', 3),
    ]);
    const before = snap('2024-08-31T23:59:59.999+07:00', [
      unit('a', 'at_risk', 4),
      unit('b', 'off_track', 1),
      unit('c', 'off_track', 2),
      unit('d', 'on_track', 3),
    ]);
    const slides = buildSlides(now, before);
    expect(slides.map((s) => s.kind)).toEqual(['summary', 'worsened', 'unit', 'unit', 'compliance', 'upcoming']);
    expect(slides[1]).toEqual({
      kind: 'worsened',
      since: before.asOf,
      units: [
        { id: 'b', from: 'off_track', to: 'overdue' },
        { id: 'd', from: 'on_track', to: 'at_risk' },
      ],
      improved: [{ id: 'a', from: 'at_risk', to: 'on_track' }],
      mapChanged: null,
    });
    expect(slides.filter((s) => s.kind === 'unit')).toEqual([
      { kind: 'unit', id: 'b' },
      { kind: 'unit', id: 'c' },
    ]);
    expect(slides[4]).toMatchObject({ kind: 'compliance', period: '2024-07' });
    // A deadline already passed is not upcoming; the one ahead lists who is behind, worst first.
    expect(slides[5]).toEqual({ kind: 'upcoming', items: [{ indicator: 'x', deadline: '2024-12-31', behind: ['b', 'c', 'd'], total: 4 }] });
  });

  it('slides that would be empty fold into sentences on the summary', () => {
    const now = snap('2024-09-02T08:00:00.000+07:00', [unit('a', 'met', 2, 'met'), unit('b', 'on_track', 1, 'on_track')]);
    const before = snap('2024-08-31T23:59:59.999+07:00', [unit('a', 'on_track', 2), unit('b', 'on_track', 1)]);
    const slides = buildSlides(now, before);
    expect(slides.map((s) => s.kind)).toEqual(['summary', 'compliance']);
    expect(slides[0]).toEqual({
      kind: 'summary',
      folded: [
        { kind: 'worsened', since: before.asOf, improved: 1 },
        { kind: 'upcoming', deadlines: 1 },
      ],
    });
  });

  it('without the last period, no worsened slide', () => {
    expect(buildSlides(snap('2024-09-27T08:00:00.000+07:00', [unit('a', 'off_track', 1)]), null).map((s) => s.kind)).toEqual([
      'summary',
      'unit',
      'compliance',
      'upcoming',
    ]);
  });

  it('the last period ends with the previous month', () => {
    expect(previousPeriodEnd('2024-09-27T08:00:00.000+07:00')).toBe('2024-08-31');
    expect(previousPeriodEnd('2024-01-05T08:00:00.000+07:00')).toBe('2023-12-31');
    expect(previousPeriodEnd('2024-03-01T00:30:00.000+07:00')).toBe('2024-02-29');
  });

  it('across a change of geography only departments are compared, and the slide says the map changed', () => {
    const geo = (id: string) => ({ id, name: { vi: id, en: id }, from: null, until: null, attribution: { vi: '', en: '' } });
    const dept = (id: string, level: Level, rank: number): UnitState => ({ ...unit(id, level, rank), kind: 'department' }) as UnitState;
    // "x" is an area id in both maps (e.g. a ward named after its former district): not the same unit.
    const now = { ...snap('2025-07-10T23:59:59.999+07:00', [unit('x', 'overdue', 1), dept('so', 'at_risk', 1)]), geography: geo('communes-2025') } as Snapshot;
    const before = {
      ...snap('2025-06-30T23:59:59.999+07:00', [unit('x', 'on_track', 1), dept('so', 'on_track', 1)]),
      geography: geo('districts-2025'),
    } as Snapshot;
    const worsened = buildSlides(now, before)[1];
    expect(worsened).toMatchObject({
      kind: 'worsened',
      units: [{ id: 'so', from: 'on_track', to: 'at_risk' }],
      improved: [],
      mapChanged: { id: 'districts-2025' },
    });
  });
});
