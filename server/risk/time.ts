import { DateTime } from 'luxon';

export const DAY_MS = 86_400_000;
/** Paces are expressed per 30 days ("per month") for people; the engine works per millisecond. */
export const MONTH_MS = 30 * DAY_MS;

/** The instant a local deadline date ends: 00:00 local time on the next day. */
export function deadlineEnd(date: string, tz: string): number {
  return DateTime.fromISO(date, { zone: tz }).plus({ days: 1 }).startOf('day').toMillis();
}

/** Local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).toISODate()!;
}

/** Local reporting period (YYYY-MM) containing an instant. */
export function localPeriod(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).toFormat('yyyy-MM');
}

/** The period `n` months after `period` (negative n goes back). */
export function shiftPeriod(period: string, n: number): string {
  return DateTime.fromFormat(period, 'yyyy-MM', { zone: 'UTC' }).plus({ months: n }).toFormat('yyyy-MM');
}

/** ISO string with the provincial offset, e.g. 2024-08-31T17:00:00.000+07:00. */
export function toLocalIso(ms: number, tz: string): string {
  return DateTime.fromMillis(ms, { zone: tz }).toISO()!;
}
