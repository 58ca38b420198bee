import type { ReportingConfig } from '../config/schema.js';
import type { GeoUnit } from '../config/types.js';
import { startOfLocalDay } from '../config/geography.js';
import { reportOwed } from '../geography/reporting.js';
import type { ReportState } from '../protocol/state.js';
import { localInstant, localPeriod, shiftPeriod, toLocalIso } from '../time/local.js';

/** The instant a period's report is due: 00:00 local time on the due day (reports must come before it). */
export function reportDueAt(period: string, rule: ReportingConfig, tz: string): number {
  const [y, m] = shiftPeriod(period, rule.dueMonthOffset).split('-').map(Number) as [number, number];
  return localInstant(tz, y, m, rule.dueDay);
}

/** The periods whose status a unit carries at `now` (oldest first) and when each is due: the same for every unit. */
export type ReportCalendar = readonly { period: string; due: number; dueAt: string }[];

/** The report calendar at `now` (pure). */
export function reportCalendar(now: number, rule: ReportingConfig, tz: string): ReportCalendar {
  const current = localPeriod(now, tz);
  const out: { period: string; due: number; dueAt: string }[] = [];
  for (let i = rule.history - 1; i >= 0; i--) {
    const period = shiftPeriod(current, -i - rule.dueMonthOffset);
    const due = reportDueAt(period, rule, tz);
    out.push({ period, due, dueAt: toLocalIso(due, tz) });
  }
  return out;
}

/**
 * Report status of one unit for the last `rule.history` periods up to the one containing `now`
 * (oldest first). `submitted` maps period → earliest submission time (ms). `calendar`, when
 * given, is `reportCalendar(now, rule, tz)` computed once for many units.
 */
export function reportHistory(
  submitted: ReadonlyMap<string, number>,
  now: number,
  rule: ReportingConfig,
  tz: string,
  calendar = reportCalendar(now, rule, tz),
): ReportState[] {
  const out: ReportState[] = [];
  for (const { period, due, dueAt } of calendar) {
    const at = submitted.get(period);
    const sub = at !== undefined && at <= now ? at : undefined;
    const status: ReportState['status'] = sub !== undefined ? (sub < due ? 'on_time' : 'late') : now >= due ? 'missing' : 'not_yet_due';
    out.push({ period, dueAt, status, submittedAt: sub === undefined ? null : toLocalIso(sub, tz) });
  }
  return out;
}

/** The latest period whose due date has passed, or null when none in the history has. */
export function latestDue(history: readonly ReportState[]): ReportState | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.status !== 'not_yet_due') return history[i]!;
  return null;
}

/**
 * Periods a unit did not owe never count against it: months before `reporting.since`, months
 * outside the unit's validity, a unit not reporting (geography/reporting.ts), and a period whose
 * due date fell before go-live (the rule did not apply yet when it was due). They show as
 * not_yet_due (neutral), a filing keeping its date. Owed periods are unchanged.
 */
export function excuseUnowed(
  history: ReportState[],
  unit: Partial<Pick<GeoUnit, 'reporting' | 'start' | 'end'>>,
  rule: ReportingConfig,
  tz: string,
): ReportState[] {
  const owner = { reporting: unit.reporting ?? true, start: unit.start ?? -Infinity, end: unit.end ?? Infinity };
  // A unit valid forever, reporting, with no go-live date (the single-geography files) owes every period.
  if (owner.reporting && !rule.since && owner.start === -Infinity && owner.end === Infinity) return history;
  const live = rule.since ? startOfLocalDay(rule.since, tz) : -Infinity;
  const owed = (r: ReportState) => Date.parse(r.dueAt) > live && reportOwed(owner, r.period, rule.since, tz);
  return history.map((r) => ((r.status === 'missing' || r.status === 'late') && !owed(r) ? { ...r, status: 'not_yet_due' } : r));
}
