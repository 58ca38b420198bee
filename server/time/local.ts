import { IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
/** Paces are expressed per 30 days ("per month") for people; the engine works per millisecond. */
export const MONTH_MS = 30 * DAY_MS;
const HOUR_MS = 3_600_000;

/*
 * Time-zone arithmetic on the hot path (every indicator of every unit on every recompute).
 * Asking the zone database is slow (Intl), so a zone's UTC offset is looked up once per hour
 * of time and kept; everything else is plain arithmetic on UTC fields.
 */
const offsets = new Map<string, Map<number, number>>();

function hourOffset(hour: number, tz: string): number {
  let byHour = offsets.get(tz);
  if (!byHour) offsets.set(tz, (byHour = new Map()));
  let off = byHour.get(hour);
  if (off === undefined) {
    off = IANAZone.create(tz).offset(hour * HOUR_MS) * 60_000;
    // Bounded: a long-running server touches a few thousand hours at most; start over beyond that.
    if (byHour.size > 100_000) byHour.clear();
    byHour.set(hour, off);
  }
  return off;
}

/** The zone's offset from UTC (ms) at an instant. */
export function offsetAt(ms: number, tz: string): number {
  const hour = Math.floor(ms / HOUR_MS);
  // Projected dates fall on arbitrary hours: when a (UTC) day starts and ends on the same
  // offset, the whole day has it, and two cached lookups per day replace one per hour.
  const dayStart = hour - (((hour % 24) + 24) % 24);
  const first = hourOffset(dayStart, tz);
  return first === hourOffset(dayStart + 24, tz) ? first : hourOffset(hour, tz);
}

/** The instant of a local wall-clock time (months 1-based, may overflow: 13 is next January). */
export function localInstant(tz: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset across a DST change; zones without DST need one.
  let t = wall - offsetAt(wall, tz);
  t = wall - offsetAt(t, tz);
  return t;
}

/** Local calendar fields of an instant. */
export function localFields(ms: number, tz: string): { year: number; month: number; day: number; date: Date } {
  const date = new Date(ms + offsetAt(ms, tz));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), date };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const deadlineEnds = new Map<string, Map<string, number>>();

/** The instant a local deadline date ends: 00:00 local time on the next day. */
export function deadlineEnd(date: string, tz: string): number {
  // Every unit asks for the same few deadlines on every recompute: parse each once.
  let byDate = deadlineEnds.get(tz);
  if (!byDate) deadlineEnds.set(tz, (byDate = new Map()));
  let end = byDate.get(date);
  if (end === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    end = localInstant(tz, y, m, d + 1);
    if (byDate.size > 10_000) byDate.clear();
    byDate.set(date, end);
  }
  return end;
}

/** Local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(ms: number, tz: string): string {
  const f = localFields(ms, tz);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
}

/** Local reporting period (YYYY-MM) containing an instant. */
export function localPeriod(ms: number, tz: string): string {
  const f = localFields(ms, tz);
  return `${f.year}-${pad(f.month)}`;
}

/** The period `n` months after `period` (negative n goes back). */
export function shiftPeriod(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
}

/** ISO string with the provincial offset, e.g. 2024-08-31T17:00:00.000+07:00. */
export function toLocalIso(ms: number, tz: string): string {
  const off = offsetAt(ms, tz);
  const d = new Date(ms + off);
  const a = Math.abs(off) / 60_000;
  const zone = `${off < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${zone}`;
}
