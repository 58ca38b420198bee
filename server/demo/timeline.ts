import { DateTime } from 'luxon';
import type { AppConfig } from '../config/types.js';
import { DAY_MS, shiftPeriod } from '../time/local.js';
import { curve, noise, sample, type Profile, type Scenario } from './scenario.js';
import type { NewReading, NewReport } from '../store/rows.js';

/** One unit × indicator of the demo, with its value curve. */
export interface DemoSeries {
  unit: string;
  indicator: string;
  f: (t: number) => number;
  /** After this instant the unit's feed is silent. */
  stopsAt: number;
}

const WHO = 'demo-simulator';

export function profileOf(scenario: Scenario, unit: string): Profile {
  return scenario.units[unit] ?? scenario.default;
}

/** Every series of the scenario (pure). */
export function demoSeries(config: AppConfig, scenario: Scenario): DemoSeries[] {
  const start = Date.parse(scenario.clockStart);
  const out: DemoSeries[] = [];
  for (const u of config.units) {
    const p = profileOf(scenario, u.id);
    const stopsAt = p.feedStopsAt
      ? DateTime.fromISO(p.feedStopsAt, { zone: config.timezone }).endOf('day').toMillis()
      : Number.POSITIVE_INFINITY;
    for (const ind of config.indicators) {
      if (!ind.appliesTo.includes(u.kind)) continue;
      out.push({ unit: u.id, indicator: ind.id, f: curve(p.overrides[ind.id] ?? p.base, ind, start, config.timezone), stopsAt });
    }
  }
  return out;
}

/** A reading of a series at `t`, shaped by the unit's profile (outlier included). */
export function demoReading(config: AppConfig, scenario: Scenario, s: DemoSeries, t: number): NewReading {
  const ind = config.indicators.find((i) => i.id === s.indicator)!;
  let value = sample(s.f, ind, t, `${scenario.seed}|${s.unit}|${s.indicator}|${t}`);
  const o = profileOf(scenario, s.unit).outlier;
  if (o && o.indicator === s.indicator && DateTime.fromMillis(t, { zone: config.timezone }).toFormat('yyyy-MM') === o.period) {
    value = Math.round(value * o.factor * 10) / 10;
  }
  return { unit: s.unit, indicator: s.indicator, value, at: t, source: 'demo', submittedBy: WHO };
}

/** Monthly readings from `historyFrom` up to the demo start (pure). */
export function demoHistory(config: AppConfig, scenario: Scenario): NewReading[] {
  const start = Date.parse(scenario.clockStart);
  const out: NewReading[] = [];
  for (const s of demoSeries(config, scenario)) {
    for (let p = scenario.historyFrom; ; p = shiftPeriod(p, 1)) {
      const monthEnd = DateTime.fromFormat(p, 'yyyy-MM', { zone: config.timezone }).endOf('month').set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
      const t = Math.min(monthEnd.toMillis(), start - 3_600_000);
      if (t < monthEnd.startOf('month').toMillis()) break;
      if (t <= s.stopsAt) out.push(demoReading(config, scenario, s, t));
      if (t >= start - 3_600_000) break;
    }
  }
  return out;
}

/** When a unit files its report for `period`, by habit; null when it does not file (pure). */
export function reportTime(config: AppConfig, scenario: Scenario, unit: string, period: string, index: number, start: number): number | null {
  const habit = profileOf(scenario, unit).reports;
  const due = DateTime.fromFormat(period, 'yyyy-MM', { zone: config.timezone }).plus({ months: config.reporting.dueMonthOffset });
  const n = noise(`${scenario.seed}|report|${unit}|${period}`);
  const onTime = due.set({ day: Math.max(1, config.reporting.dueDay - 10 + Math.floor((n + 1) * 4)), hour: 10 });
  const late = due.set({ day: Math.min(28, config.reporting.dueDay + 2 + Math.floor((n + 1) * 5)), hour: 15 });
  switch (habit) {
    case 'on_time':
      return onTime.toMillis();
    case 'late':
      return late.toMillis();
    case 'mixed':
      return (index % 2 ? late : onTime).toMillis();
    case 'missing':
      // Stopped filing two months before the demo starts.
      return late.toMillis() < start - 60 * DAY_MS ? late.toMillis() : null;
  }
}

/** Report submissions for periods from `historyFrom` whose filing time falls in (from, to] (pure). */
export function demoReports(config: AppConfig, scenario: Scenario, from: number, to: number): NewReport[] {
  const start = Date.parse(scenario.clockStart);
  const out: NewReport[] = [];
  const last = DateTime.fromMillis(to, { zone: config.timezone }).toFormat('yyyy-MM');
  for (const u of config.units) {
    let i = 0;
    for (let p = scenario.historyFrom; p <= last; p = shiftPeriod(p, 1), i++) {
      const t = reportTime(config, scenario, u.id, p, i, start);
      if (t !== null && t > from && t <= to) out.push({ unit: u.id, period: p, submittedAt: t, source: 'demo', submittedBy: WHO });
    }
  }
  return out;
}
