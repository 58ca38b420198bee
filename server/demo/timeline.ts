import { DateTime } from 'luxon';
import type { AppConfig, GeoUnit } from '../config/types.js';
import type { IndicatorConfig } from '../config/schema.js';
import { startOfLocalDay } from '../config/geography.js';
import { indicatorsAt } from '../config/indicators.js';
import { reportOwed } from '../geography/index.js';
import { DAY_MS, shiftPeriod } from '../time/local.js';
import { allUnits } from './profiles.js';
import { curve, noise, sample, type Profile, type Scenario } from './scenario.js';
import type { NewReading, NewReport } from '../store/rows.js';

/** One unit × indicator over one era of the demo (before / from the latest geography), with its value curve. */
export interface DemoSeries {
  /** Stable id of the series (unit|indicator, plus "|today" for the latest era). */
  key: string;
  unit: string;
  indicator: string;
  /** The indicator as it stood at the era's anchor (its target then). */
  ind: IndicatorConfig;
  f: (t: number) => number;
  /** Readings only in [from, stopsAt]: the unit's validity (and the indicator's start) within the era. */
  from: number;
  /** After this instant the series is silent (validity or era ended, or the unit's feed stopped). */
  stopsAt: number;
  profile: Profile;
  /** The instant the profile describes (the story moment, or the demo's now). */
  anchor: number;
}

const WHO = 'demo-simulator';

/** A unit's profile before the latest geography (all time for a single-geography scenario). */
export function profileOf(scenario: Scenario, unit: string): Profile {
  return scenario.units[unit] ?? scenario.default;
}

/** Where the latest era starts: the latest geography's start when the scenario has `today`, never otherwise. */
function splitAt(config: AppConfig, scenario: Scenario): number {
  return scenario.today ? config.geography.versions.at(-1)!.start : Number.POSITIVE_INFINITY;
}

/** The instant the latest era's profiles hold: `today.anchor`, never after the demo's now. */
function todayAnchor(scenario: Scenario, start: number): number {
  return scenario.today?.anchor ? Math.min(start, Date.parse(scenario.today.anchor)) : start;
}

/** A unit's eras: [from, until) with the profile and anchor in force (pure). */
function eras(config: AppConfig, scenario: Scenario, u: GeoUnit): { from: number; until: number; profile: Profile; anchor: number; today: boolean }[] {
  const start = Date.parse(scenario.clockStart);
  const split = splitAt(config, scenario);
  const story = scenario.story ? Date.parse(scenario.story) : start;
  const out = [];
  if (u.start < split) out.push({ from: u.start, until: Math.min(u.end, split), profile: profileOf(scenario, u.id), anchor: story, today: false });
  if (scenario.today && u.end > split)
    out.push({
      from: Math.max(u.start, split),
      until: u.end,
      profile: scenario.today.units[u.id] ?? scenario.today.default,
      anchor: todayAnchor(scenario, start),
      today: true,
    });
  return out;
}

/** Every series of the scenario over all geography versions; none for units that do not report (pure). */
export function demoSeries(config: AppConfig, scenario: Scenario): DemoSeries[] {
  const tz = config.timezone;
  const out: DemoSeries[] = [];
  for (const u of allUnits(config)) {
    if (!u.reporting) continue;
    for (const e of eras(config, scenario, u)) {
      const p = e.profile;
      const feedStop = p.feedStopsAt ? DateTime.fromISO(p.feedStopsAt, { zone: tz }).endOf('day').toMillis() : Number.POSITIVE_INFINITY;
      for (const ind of indicatorsAt(config.indicators, e.anchor, tz)) {
        if (!ind.appliesTo.includes(u.kind)) continue;
        const from = Math.max(e.from, ind.from ? startOfLocalDay(ind.from, tz) : Number.NEGATIVE_INFINITY);
        const key = `${u.id}|${ind.id}${e.today ? '|today' : ''}`;
        const f = curve(p.overrides[ind.id] ?? p.base, ind, e.anchor, tz);
        out.push({ key, unit: u.id, indicator: ind.id, ind, f, from, stopsAt: Math.min(feedStop, e.until - 1), profile: p, anchor: e.anchor });
      }
    }
  }
  return out;
}

/** Whether the series files a reading at `t`. */
export function live(s: DemoSeries, t: number): boolean {
  return t >= s.from && t <= s.stopsAt;
}

/** A reading of a series at `t`, shaped by the unit's profile (outlier included). */
export function demoReading(config: AppConfig, scenario: Scenario, s: DemoSeries, t: number): NewReading {
  let value = sample(s.f, s.ind, t, `${scenario.seed}|${s.unit}|${s.indicator}|${t}`);
  const o = s.profile.outlier;
  if (o && o.indicator === s.indicator && DateTime.fromMillis(t, { zone: config.timezone }).toFormat('yyyy-MM') === o.period) {
    value = Math.round(value * o.factor * 10) / 10;
  }
  return { unit: s.unit, indicator: s.indicator, value, at: t, source: 'demo', submittedBy: WHO };
}

/** Monthly readings from `historyFrom` up to the demo start (pure). */
export function demoHistory(config: AppConfig, scenario: Scenario): NewReading[] {
  const start = Date.parse(scenario.clockStart);
  // The reading instants, once: each month's last day at 17:00, the last one an hour before the start.
  const instants: number[] = [];
  for (let p = scenario.historyFrom; ; p = shiftPeriod(p, 1)) {
    const monthEnd = DateTime.fromFormat(p, 'yyyy-MM', { zone: config.timezone }).endOf('month').set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
    const t = Math.min(monthEnd.toMillis(), start - 3_600_000);
    if (t < monthEnd.startOf('month').toMillis()) break;
    instants.push(t);
    if (t >= start - 3_600_000) break;
  }
  const out: NewReading[] = [];
  for (const s of demoSeries(config, scenario)) for (const t of instants) if (live(s, t)) out.push(demoReading(config, scenario, s, t));
  return out;
}

/** When a unit with `profile` files its report for `period`, by habit; null when it does not file (pure). */
export function reportTime(
  config: AppConfig,
  scenario: Scenario,
  unit: string,
  period: string,
  index: number,
  anchor: number,
  profile: Profile = profileOf(scenario, unit),
): number | null {
  const habit = profile.reports;
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
      // Stopped filing two months before the moment the profile describes.
      return late.toMillis() < anchor - 60 * DAY_MS ? late.toMillis() : null;
  }
}

/**
 * Report submissions for periods from `historyFrom` whose filing time falls in (from, to] (pure):
 * only for months the unit owes a report (reportOwed: valid then, reporting, after go-live), by
 * the habit of the era the month starts in.
 */
export function demoReports(config: AppConfig, scenario: Scenario, from: number, to: number): NewReport[] {
  const tz = config.timezone;
  const last = DateTime.fromMillis(to, { zone: tz }).toFormat('yyyy-MM');
  // Each period once: its start, and whether its due month (where every filing falls) meets (from, to].
  const periods: { p: string; index: number; start: number }[] = [];
  for (let p = scenario.historyFrom, i = 0; p <= last; p = shiftPeriod(p, 1), i++) {
    const month = DateTime.fromFormat(p, 'yyyy-MM', { zone: tz });
    const due = month.plus({ months: config.reporting.dueMonthOffset });
    if (due.toMillis() <= to && due.plus({ months: 1 }).toMillis() > from) periods.push({ p, index: i, start: month.toMillis() });
  }
  const out: NewReport[] = [];
  for (const u of allUnits(config)) {
    const unitEras = eras(config, scenario, u);
    for (const { p, index, start } of periods) {
      const e = unitEras.findLast((x) => x.from <= start) ?? unitEras[0];
      if (!e || !reportOwed(u, p, config.reporting.since, tz)) continue;
      const t = reportTime(config, scenario, u.id, p, index, e.anchor, e.profile);
      if (t !== null && t > from && t <= to) out.push({ unit: u.id, period: p, submittedAt: t, source: 'demo', submittedBy: WHO });
    }
  }
  return out;
}
