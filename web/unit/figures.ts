/** The unit page's form logic, pure: the instant a month's figures are filed at, corrections, and the server's row errors placed by indicator. */
import type { ErrorDetail, SeriesPoint } from '../../server/protocol/index.js';

/** "+07:00": the offset of `tz` at instant `t`. */
export function offsetAt(tz: string, t: number): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/** The local calendar date (YYYY-MM-DD) of an instant in `tz`. */
export const localDate = (iso: string, tz: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(iso));

/**
 * The instant figures "as of `date`" are filed at: the end of that local day (23:59), or, for the
 * data clock's own day, its minute now (a reading may not be in the future). Filing the same date
 * again lands on the same instant, so the server treats it as a correction of that reading.
 */
export function readingInstant(date: string, asOf: string, tz: string): string {
  if (date === localDate(asOf, tz)) {
    const t = Math.floor(Date.parse(asOf) / 60_000) * 60_000;
    const off = offsetAt(tz, t);
    const sign = off.startsWith('-') ? -1 : 1;
    const shift = sign * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6))) * 60_000;
    return `${new Date(t + shift).toISOString().slice(0, 16)}:00${off}`;
  }
  const noon = Date.parse(`${date}T12:00:00Z`);
  return `${date}T23:59:00${offsetAt(tz, noon)}`;
}

/** Whether a reading at `at` replaces one already known for that indicator (same instant): a correction. */
export const isCorrection = (series: readonly SeriesPoint[], at: string): boolean => series.some((p) => Date.parse(p.at) === Date.parse(at));

/** One filled row of the form. */
export interface FigureRow {
  indicator: string;
  value: number;
}

/** The rows worth sending: indicators left blank are not filed; text that is not a number is sent as it is, for the server to name. */
export function filledRows(values: Readonly<Record<string, string>>): { indicator: string; value: number | string }[] {
  return Object.entries(values)
    .filter(([, v]) => v.trim() !== '')
    .map(([indicator, v]) => {
      const n = Number(v.trim().replace(',', '.'));
      return { indicator, value: Number.isFinite(n) ? n : v };
    });
}

/** The server's problems placed beside the field they name: by indicator (the sent row), or general when no row is named. */
export function placeErrors(
  details: readonly ErrorDetail[],
  sent: readonly { indicator: string }[],
): { byIndicator: Map<string, string[]>; general: string[] } {
  const byIndicator = new Map<string, string[]>();
  const general: string[] = [];
  for (const d of details) {
    const ind = d.row !== undefined ? sent[d.row]?.indicator : undefined;
    if (ind === undefined) general.push(`${d.field}: ${d.message}`);
    else byIndicator.set(ind, [...(byIndicator.get(ind) ?? []), `${d.field}: ${d.message}`]);
  }
  return { byIndicator, general };
}

/** A required pace with its unit per month: "4,2 %/tháng", "3 pts/month". */
export function paceText(lang: 'vi' | 'en', x: number | null, unit: 'percent' | 'points' | 'count'): string {
  if (x === null) return '—';
  const n = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(x);
  const u = unit === 'percent' ? ' %' : unit === 'points' ? (lang === 'vi' ? ' điểm' : ' pts') : '';
  return `${n}${u}${lang === 'vi' ? '/tháng' : '/month'}`;
}
