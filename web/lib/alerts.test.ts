import { describe, expect, it } from 'vitest';
import type { Level, UnitState } from '../../server/protocol/index.js';
import { Alerts } from './alerts.svelte.js';

const unit = (id: string, level: Level, indicator = 'land-database'): UnitState =>
  ({ id, name: { vi: id, en: id }, kind: 'area', level, reason: { kind: 'behind_pace', indicator } }) as UnitState;

describe('Alerts', () => {
  it('lists level changes newest first, pulses only what got worse, and forgets old pulses', () => {
    const a = new Alerts(3, 1_000);
    a.observe([unit('a', 'at_risk'), unit('b', 'off_track')], 'T0', 0);
    expect(a.items).toEqual([]);
    a.observe([unit('a', 'off_track'), unit('b', 'at_risk')], 'T1', 100);
    expect(a.items.map((x) => [x.unit, x.from, x.to, x.worse, x.indicator, x.asOf])).toEqual([
      ['a', 'at_risk', 'off_track', true, 'land-database', 'T1'],
      ['b', 'off_track', 'at_risk', false, 'land-database', 'T1'],
    ]);
    expect([...a.pulsing.keys()]).toEqual(['a']);
    expect(a.expire(1_099)).toBe(true);
    expect(a.expire(1_100)).toBe(false);
    expect(a.pulsing.size).toBe(0);
  });

  it('keeps at most the configured number of items', () => {
    const a = new Alerts(2, 1_000);
    const levels: Level[] = ['met', 'on_track', 'at_risk', 'off_track'];
    levels.forEach((l, i) => a.observe([unit('a', l)], `T${i}`, i));
    expect(a.items.map((x) => x.to)).toEqual(['off_track', 'at_risk']);
  });

  it('does not alert on the first state, nor when nothing changed', () => {
    const a = new Alerts(5, 1_000);
    a.observe([unit('a', 'overdue')], 'T0');
    a.observe([unit('a', 'overdue')], 'T1');
    expect(a.items).toEqual([]);
  });
});
