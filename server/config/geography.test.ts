import { describe, expect, it } from 'vitest';
import { configErrorOf, DA_NANG, daNangCopy } from '../geography/testing.js';
import { indicatorsAt, targetAt } from './indicators.js';
import { loadConfig } from './load.js';

const vn = (local: string) => Date.parse(`${local}T12:00:00+07:00`);

describe('province file: geography versions are checked', () => {
  it.each([
    [
      'a gap between versions',
      (c: { geographies: Record<string, unknown>[] }) => (c.geographies[1]!.from = '2025-01-02'),
      'geographies[1].from',
      /day after the previous geography's until \(2025-01-01\)/,
    ],
    ['an overlap', (c: { geographies: Record<string, unknown>[] }) => (c.geographies[2]!.from = '2025-06-30'), 'geographies[2].from', /no gap, no overlap/],
    [
      'a later version open at its start',
      (c: { geographies: Record<string, unknown>[] }) => delete c.geographies[1]!.from,
      'geographies[1].from',
      /expected a start date/,
    ],
    [
      'a unit valid beyond its version',
      (c: { geographies: { units: Record<string, unknown>[] }[] }) => (c.geographies[0]!.units[0]!.until = '2025-03-01'),
      'geographies[0].units[0].from',
      /inside its geography's/,
    ],
    [
      'a unit twice in one version',
      (c: { geographies: { units: Record<string, unknown>[] }[] }) => c.geographies[2]!.units.push(c.geographies[2]!.units[0]!),
      'geographies[2].units[94].id',
      /appears twice/,
    ],
    [
      'a department id used by a unit',
      (c: { departments: Record<string, unknown>[] }) => (c.departments[0]!.id = 'nong-son'),
      'departments[0].id',
      /also a unit/,
    ],
    [
      'a crosswalk naming an unknown version',
      (c: { crosswalks: Record<string, unknown>[] }) => (c.crosswalks[0]!.from = 'districts-2019'),
      'crosswalks[0].from',
      /expected a geography id/,
    ],
    [
      'both forms at once',
      (c: Record<string, unknown>) => (c.units = [{ id: 'x', name: { vi: 'X', en: 'X' }, type: 'commune' }]),
      'units',
      /either geographies or boundaries \+ units/,
    ],
    [
      'a local target for an unknown indicator',
      (c: { localTargets: Record<string, unknown>[] }) => (c.localTargets[0]!.indicator = 'nope'),
      'localTargets[0].indicator',
      /indicator id/,
    ],
    ['a go-live that is not a date', (c: { reporting: Record<string, unknown> }) => (c.reporting.since = '2024'), 'reporting.since', /YYYY-MM-DD/],
  ] as [string, (c: never) => void, string, RegExp][])('%s', (_, edit, field, message) => {
    const e = configErrorOf(daNangCopy(edit as never));
    expect(e.field).toBe(field);
    expect(e.expected).toMatch(message);
  });

  it('reporting.since is loaded as the go-live date', () => {
    expect(loadConfig(DA_NANG).reporting.since).toBe('2024-01-01');
    expect(loadConfig('config/quang-nam-2024.json').reporting.since).toBeUndefined();
  });
});

describe('indicator targets by date', () => {
  const cfg = loadConfig(DA_NANG);
  const ind = (id: string) => cfg.indicators.find((i) => i.id === id)!;
  const tz = cfg.timezone;

  it('a 2024 view sees the 2024 targets and no indicator new in 2025', () => {
    const at = indicatorsAt(cfg.indicators, vn('2024-09-15'), tz);
    expect(at.map((i) => i.id)).not.toContain('procedures-online');
    expect(at.find((i) => i.id === 'online-dossier-rate')).toMatchObject({ target: 50, deadline: '2024-12-31' });
  });

  it('the version changes on its effective date (local midnight)', () => {
    expect(targetAt(ind('online-dossier-rate'), Date.parse('2025-09-10T23:59:59+07:00'), tz).target).toBe(50);
    expect(targetAt(ind('online-dossier-rate'), Date.parse('2025-09-11T00:00:00+07:00'), tz)).toMatchObject({
      target: 80,
      deadline: '2025-12-31',
      local: false,
    });
  });

  it("today (late 2026) sees the city's own 31 Dec 2026 targets, marked to verify", () => {
    const t = targetAt(ind('online-dossier-rate'), vn('2026-11-29'), tz);
    expect(t).toMatchObject({ target: 90, deadline: '2026-12-31', local: true, verify: true });
    expect(t.source.vi).toContain('cần xác minh');
    const today = indicatorsAt(cfg.indicators, vn('2026-11-29'), tz);
    // Only a one-off 2025 target is still in the past (commune services by 15 Aug 2025).
    expect(today.filter((i) => i.deadline < '2026-01-01').map((i) => i.id)).toEqual(['commune-online-services']);
  });

  it('the shipped Quảng Nam file is unchanged: one catalogue, its 2024 targets first', () => {
    const qn = loadConfig('config/quang-nam-2024.json');
    expect(qn.indicators).toHaveLength(8);
    expect(qn.indicators.find((i) => i.id === 'online-dossier-rate')).toMatchObject({ target: 50, deadline: '2024-12-31' });
  });
});
