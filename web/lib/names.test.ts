import { describe, expect, it } from 'vitest';
import type { Revision, UnitState } from '../../server/protocol/index.js';
import { unitNames } from './names.js';

const revision: Revision = { originalTarget: 100, originalDeadline: '2024-09-30', effectiveFrom: '2024-09-01', reason: 'QĐ', setBy: 'admin' };
const unit = (id: string, kind: UnitState['kind'], name: UnitState['name'], revised = false) =>
  ({ id, kind, name, indicators: [{ revision: revised ? revision : null }] }) as unknown as UnitState;

describe('unitNames', () => {
  it('keeps place names Vietnamese in both languages, translates departments, and puts no dagger on a unit whose indicator was revised (the indicator carries it)', () => {
    const units = [
      unit('que-son', 'area', { vi: 'Quế Sơn', en: 'Que Son' }, true),
      unit('so-tnmt', 'department', { vi: 'Sở Tài nguyên và Môi trường', en: 'Department of Natural Resources and Environment' }),
    ];
    expect([...unitNames(units, 'en')]).toEqual([
      ['que-son', 'Quế Sơn'],
      ['so-tnmt', 'Department of Natural Resources and Environment'],
    ]);
    expect(unitNames(units, 'vi').get('so-tnmt')).toBe('Sở Tài nguyên và Môi trường');
  });
});
