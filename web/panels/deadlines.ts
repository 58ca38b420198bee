import type { IndicatorMeta, Level, Localized, Snapshot } from '../../server/protocol/index.js';
import { daysText } from '../lib/format.js';

/** Levels that count a unit as behind on an indicator (no data is counted apart: silence is not progress). */
const BEHIND: ReadonlySet<Level> = new Set(['at_risk', 'off_track', 'overdue']);

/** One indicator's deadline as the wall tells it: when, how long left, who is behind. */
export interface DeadlineRow {
  indicator: IndicatorMeta;
  /** Local date YYYY-MM-DD (end of that day). */
  deadline: string;
  /** Whole days from the state's local date to the deadline; negative once it has passed. */
  daysLeft: number;
  /** Units on the indicator per level. */
  counts: Record<Level, number>;
  /** Units at risk, off track or overdue. */
  behind: number;
  /** Units expected to report on it. */
  total: number;
}

/** A deadline date and the indicators due on it, worst first. */
export interface DeadlineGroup {
  deadline: string;
  daysLeft: number;
  rows: DeadlineRow[];
}

const DAY = 86_400_000;

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: tz }).format(new Date(iso));
}

/** Whole days from local date `from` to local date `to`. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The deadlines in force, soonest first, from the snapshot the wall already has: every indicator
 * still ahead of its deadline, and those past it while some unit is still behind; within a
 * date, the indicator with the most units behind first.
 */
export function deadlineGroups(snapshot: Pick<Snapshot, 'asOf' | 'indicators' | 'units' | 'province'>): DeadlineGroup[] {
  const today = localDate(snapshot.asOf, snapshot.province.timezone);
  const rows: DeadlineRow[] = snapshot.indicators.map((indicator) => {
    const counts: Record<Level, number> = { met: 0, on_track: 0, at_risk: 0, off_track: 0, overdue: 0, no_data: 0 };
    for (const u of snapshot.units) {
      if (u.notReporting) continue;
      const s = u.indicators.find((i) => i.id === indicator.id);
      if (s) counts[s.level]++;
    }
    const behind = [...BEHIND].reduce((n, l) => n + counts[l], 0);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { indicator, deadline: indicator.deadline, daysLeft: daysBetween(today, indicator.deadline), counts, behind, total };
  });
  const groups = new Map<string, DeadlineGroup>();
  for (const r of rows
    .filter((r) => r.total > 0 && (r.daysLeft >= 0 || r.behind > 0))
    .toSorted((a, b) => a.deadline.localeCompare(b.deadline) || b.behind - a.behind)) {
    const g = groups.get(r.deadline) ?? { deadline: r.deadline, daysLeft: r.daysLeft, rows: [] };
    g.rows.push(r);
    groups.set(r.deadline, g);
  }
  return [...groups.values()];
}

/** The words of the deadline views (Vietnamese first), kept beside the only components that use them. */
export const DEADLINE_TEXT = {
  title: { vi: 'Hạn chót sắp tới', en: 'Upcoming deadlines' },
  left: { vi: 'còn {days}', en: '{days} left' },
  late: { vi: 'quá hạn {days}', en: '{days} overdue' },
  today: { vi: 'hạn hôm nay', en: 'due today' },
  behind: { vi: '{n} đơn vị chậm', en: '{n} units behind' },
  behindOf: { vi: 'đơn vị chậm / {total}', en: 'units behind / {total}' },
  of: { vi: 'trên {total} đơn vị', en: 'of {total} units' },
  target: { vi: 'mục tiêu {value}', en: 'target {value}' },
  none: { vi: 'Không còn hạn chót nào phía trước', en: 'No deadline ahead' },
} satisfies Record<string, Localized>;

/** A deadline text in `lang` with `{name}` placeholders filled. */
export function deadlineText(lang: 'vi' | 'en', key: keyof typeof DEADLINE_TEXT, vars: Record<string, string | number> = {}): string {
  return DEADLINE_TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** "còn 32 ngày", "quá hạn 12 ngày", "hạn hôm nay": where a deadline stands from the state's date. */
export function dueText(lang: 'vi' | 'en', daysLeft: number): string {
  if (daysLeft === 0) return deadlineText(lang, 'today');
  return deadlineText(lang, daysLeft > 0 ? 'left' : 'late', { days: daysText(lang, daysLeft) });
}
