import type { ReportingConfig } from '../config/schema.js';
import type { ReportState } from '../protocol/state.js';
import { localInstant, localPeriod, shiftPeriod, toLocalIso } from './time.js';

/** The instant a period's report is due: 00:00 local time on the due day (reports must come before it). */
export function reportDueAt(period: string, rule: ReportingConfig, tz: string): number {
  const [y, m] = shiftPeriod(period, rule.dueMonthOffset).split('-').map(Number) as [number, number];
  return localInstant(tz, y, m, rule.dueDay);
}

/**
 * Report status of one unit for the last `rule.history` periods up to the one containing `now`
 * (oldest first). `submitted` maps period → earliest submission time (ms).
 */
export function reportHistory(submitted: ReadonlyMap<string, number>, now: number, rule: ReportingConfig, tz: string): ReportState[] {
  const current = localPeriod(now, tz);
  const out: ReportState[] = [];
  for (let i = rule.history - 1; i >= 0; i--) {
    const period = shiftPeriod(current, -i - rule.dueMonthOffset);
    const due = reportDueAt(period, rule, tz);
    const at = submitted.get(period);
    const sub = at !== undefined && at <= now ? at : undefined;
    const status: ReportState['status'] =
      sub !== undefined ? (sub < due ? 'on_time' : 'late') : now >= due ? 'missing' : 'not_yet_due';
    out.push({ period, dueAt: toLocalIso(due, tz), status, submittedAt: sub === undefined ? null : toLocalIso(sub, tz) });
  }
  return out;
}

/** The latest period whose due date has passed, or null when none in the history has. */
export function latestDue(history: readonly ReportState[]): ReportState | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.status !== 'not_yet_due') return history[i]!;
  return null;
}
