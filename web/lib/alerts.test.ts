import { describe, expect, it } from 'vitest';
import type { ChangeGroup, DayChanges, IndicatorMeta, Level, UnitState } from '../../server/protocol/index.js';
import { Alerts } from './alerts.svelte.js';
import { causeText } from './changes.js';

const unit = (id: string, level: Level): UnitState => ({ id, name: { vi: `Xã ${id}`, en: id }, kind: 'area', level }) as UnitState;
const units = ['a', 'b', 'c'].map((id) => unit(id, 'off_track'));
const raised: ChangeGroup = {
  id: '7.0',
  asOf: '2025-09-02T10:00:00.000+07:00',
  cause: {
    kind: 'target',
    targets: [{ indicator: 'online-dossier-rate', fromTarget: 50, toTarget: 60, fromDeadline: '2025-12-31', toDeadline: '2025-12-31' }],
  },
  changes: ['a', 'b', 'c'].map((u) => ({ unit: u, from: 'on_track', to: 'off_track', indicator: 'online-dossier-rate' })),
  total: 16,
};
const reading: ChangeGroup = {
  id: '8.0',
  asOf: '2025-09-02T10:05:00.000+07:00',
  cause: { kind: 'data', readings: 1, reports: 0 },
  changes: [{ unit: 'a', from: 'off_track', to: 'at_risk', indicator: 'online-dossier-rate' }],
  total: 1,
};
const day = (...groups: ChangeGroup[]): DayChanges => ({ day: '2025-09-02', groups, dropped: 0 });

describe('Alerts', () => {
  it('a wall loaded after a mass change shows it at once, grouped with its cause, without pulsing', () => {
    const a = new Alerts(5, 1_000);
    a.observe(units, day(raised), 0, 'E');
    expect(a.items).toHaveLength(1);
    expect(a.items[0]).toMatchObject({ total: 16, from: 'on_track', to: 'off_track', cause: raised.cause, worse: true });
    expect(a.items[0]!.units.map((u) => u.name.vi)).toEqual(['Xã a', 'Xã b', 'Xã c']);
    expect(a.pulsing.size).toBe(0);
  });

  it('new groups come first and pulse only the units that got worse; pulses end', () => {
    const a = new Alerts(5, 1_000);
    a.observe(units, day(), 0, 'E');
    a.observe(units, day(raised), 100, 'E');
    expect([...a.pulsing.keys()].sort()).toEqual(['a', 'b', 'c']);
    a.observe(units, day(raised, reading), 200, 'E');
    expect(a.items.map((x) => x.key)).toEqual(['8.0:at_risk', '7.0:off_track']);
    expect(a.expire(1_099)).toBe(true);
    expect(a.expire(1_100)).toBe(false);
  });

  it('keeps at most the configured number of items; a new server run is a new baseline', () => {
    const a = new Alerts(1, 1_000);
    a.observe(units, day(raised, reading), 0, 'E');
    expect(a.items.map((x) => x.key)).toEqual(['8.0:at_risk']);
    a.observe(units, day(raised, reading, { ...reading, id: '9.0' }), 10, 'F');
    expect(a.pulsing.size).toBe(0);
  });
});

describe('causeText', () => {
  const ind = { id: 'online-dossier-rate', short: { vi: 'Hồ sơ trực tuyến', en: 'Online dossiers' }, unit: 'percent' } as IndicatorMeta;
  it('says which target moved and how, in both languages', () => {
    expect(causeText('vi', raised.cause, [ind], 'Asia/Ho_Chi_Minh')).toBe('do nâng mục tiêu Hồ sơ trực tuyến 50→60\u00a0%');
    expect(causeText('en', raised.cause, [ind], 'Asia/Ho_Chi_Minh')).toBe('Online dossiers target raised 50→60\u00a0%');
    expect(causeText('vi', { kind: 'data', readings: 3, reports: 1 }, [ind], 'UTC')).toBe('do 3 số liệu mới, 1 báo cáo mới');
    expect(causeText('vi', { kind: 'deadline' }, [], 'UTC')).toBe('do đã quá hạn');
  });
});
