import type { AppConfig } from '../../config/types.js';
import type { ErrorDetail } from '../../protocol/errors.js';
import { localFields, localInstant, toLocalIso } from '../../time/local.js';
import { validateReadings } from '../validate.js';
import { matcher, normalizeName } from './match.js';
import type { Cell, Table } from './table.js';

/** Rows per imported file: a year of daily figures for a province fits. */
export const MAX_IMPORT_ROWS = 100_000;

/** The template's columns: Vietnamese headers first, English accepted. */
export const COLUMNS = [
  { key: 'unit', vi: 'Đơn vị', en: 'unit', also: ['mã đơn vị', 'tên đơn vị', 'địa phương'] },
  { key: 'indicator', vi: 'Chỉ tiêu', en: 'indicator', also: ['mã chỉ tiêu', 'tên chỉ tiêu'] },
  { key: 'period', vi: 'Kỳ báo cáo', en: 'period', also: ['kỳ', 'tháng'] },
  { key: 'value', vi: 'Giá trị', en: 'value', also: ['số liệu', 'kết quả'] },
  { key: 'date', vi: 'Ngày số liệu', en: 'date', also: ['ngày'] },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

export interface SheetReading {
  row: number;
  unit: string;
  indicator: string;
  period: string;
  value: number;
  at: number;
}

const header = (h: string) => normalizeName(h.replace(/\(.*?\)/g, ' ')) || normalizeName(/\((.*?)\)/.exec(h)?.[1] ?? '');

/** Which column holds what: "Giá trị (value)", "value" and "GIÁ TRỊ" all name the value. */
function columnsOf(headers: readonly string[]): { map: Partial<Record<Key, number>>; problems: ErrorDetail[] } {
  const map: Partial<Record<Key, number>> = {};
  headers.forEach((h, i) => {
    const names = [header(h), normalizeName(/\((.*?)\)/.exec(h)?.[1] ?? '')];
    const col = COLUMNS.find((c) => [c.vi, c.en, ...c.also].map(normalizeName).some((n) => names.includes(n)));
    if (col && map[col.key] === undefined) map[col.key] = i;
  });
  const problems = COLUMNS.filter((c) => c.key !== 'date' && map[c.key] === undefined).map((c) => ({
    row: 1,
    field: c.vi,
    problem: 'missing_column',
    message: `no column "${c.vi}" (or "${c.en}"); the file has: ${headers.join(', ') || 'nothing'}`,
  }));
  return { map, problems };
}

const text = (c: Cell): string => (c === null ? '' : c instanceof Date ? c.toISOString() : typeof c === 'object' ? String(c.percent) : String(c)).trim();

/**
 * "45,5", "45.5", "45,5%", "1.234,5", "1,234.5", a number cell, a percentage cell → a number.
 * With both separators the last one is the decimal; "1.234" or "1,234" alone is ambiguous
 * (thousands in Vietnamese, decimals in English) and refused rather than guessed.
 */
export function parseNumber(c: Cell): number | 'ambiguous' | null {
  if (typeof c === 'number') return c;
  if (c !== null && typeof c === 'object' && 'percent' in c) return c.percent;
  let s = text(c)
    .replace(/[\s\u00a0]/g, '')
    .replace(/%$/, '');
  const dot = s.lastIndexOf('.');
  const comma = s.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) s = dot > comma ? s.replace(/,/g, '') : s.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d{1,3}[.,]\d{3}$/.test(s)) return 'ambiguous';
  else s = s.replace(',', '.');
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** "2024-08", "08/2024", "8/2024", "T8/2024" or an Excel date → "2024-08". */
export function parsePeriod(c: Cell): string | null {
  if (c instanceof Date) return `${c.getUTCFullYear()}-${String(c.getUTCMonth() + 1).padStart(2, '0')}`;
  const s = text(c).replace(/^(tháng|t)\s*/i, '');
  let m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]!.padStart(2, '0')}` : null;
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${m[1]!.padStart(2, '0')}` : null;
  return null;
}

/** "31/08/2024", "2024-08-31" or an Excel date → [y, m, d] (a calendar date, no time zone games). */
export function parseDate(c: Cell): [number, number, number] | null {
  if (c instanceof Date) return [c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate()];
  const s = text(c);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}
function valid(y: number, mo: number, d: number): [number, number, number] | null {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? [y, mo, d] : null;
}

/**
 * Turn a table into readings: every problem named by its row in the file and its column, and
 * the same checks as the API (range, applicability, future, duplicates). The reading's time is
 * its date at 17:00 local, or the period's last day at 17:00 (not later than today's start).
 */
export function interpret(table: Table, config: AppConfig, now: number): { readings: SheetReading[]; errors: ErrorDetail[] } {
  const { map, problems } = columnsOf(table.headers);
  if (problems.length) return { readings: [], errors: problems };
  const tz = config.timezone;
  const f = localFields(now, tz);
  const today = localInstant(tz, f.year, f.month, f.day);
  const unitOf = matcher(config.units.map((u) => ({ id: u.id, label: u.name.vi, keys: [u.id, u.name.vi, u.name.en, ...(u.code ? [u.code] : [])] })));
  const indicatorOf = matcher(
    config.indicators.map((i) => ({ id: i.id, label: `${i.id} (${i.short.vi})`, keys: [i.id, i.name.vi, i.short.vi, i.name.en, i.short.en] })),
  );
  const errors: ErrorDetail[] = [];
  const readings: SheetReading[] = [];
  const col = (k: Key) => COLUMNS.find((c) => c.key === k)!.vi;

  for (const { row, cells, extra } of table.rows) {
    const get = (k: Key) => (map[k] === undefined ? null : (cells[map[k]!] ?? null));
    const before = errors.length;
    if (extra) {
      errors.push({
        row,
        field: '(row)',
        problem: 'extra_cells',
        message: 'more cells than headers: a decimal comma in a comma-separated file? Quote the value ("45,5") or separate with ";"',
      });
      continue;
    }
    const u = text(get('unit'));
    const unit = u ? unitOf(u) : null;
    if (!unit) errors.push({ row, field: col('unit'), problem: 'missing', message: 'no unit' });
    else if (!unit.ok)
      errors.push({ row, field: col('unit'), problem: 'unknown_unit', message: `unknown unit "${u}"; did you mean ${unit.suggestions.join(', ')}?` });
    const i = text(get('indicator'));
    const ind = i ? indicatorOf(i) : null;
    if (!ind) errors.push({ row, field: col('indicator'), problem: 'missing', message: 'no indicator' });
    else if (!ind.ok)
      errors.push({
        row,
        field: col('indicator'),
        problem: 'unknown_indicator',
        message: `unknown indicator "${i}"; did you mean ${ind.suggestions.join(', ')}?`,
      });
    const period = parsePeriod(get('period'));
    if (!period)
      errors.push({
        row,
        field: col('period'),
        problem: 'invalid_period',
        message: `expected a month such as 08/2024 or 2024-08, got "${text(get('period'))}"`,
      });
    const parsed = parseNumber(get('value'));
    const value = typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null;
    if (parsed === 'ambiguous')
      errors.push({
        row,
        field: col('value'),
        problem: 'ambiguous_number',
        message: `"${text(get('value'))}" could be thousands or decimals: write 1234 or 1,234 → 1234; 1,2 → 1.2`,
      });
    else if (value === null)
      errors.push({ row, field: col('value'), problem: 'invalid_number', message: `expected a number such as 45,5 or 45,5%, got "${text(get('value'))}"` });
    const dateCell = get('date');
    const date = dateCell === null ? null : parseDate(dateCell);
    if (dateCell !== null && !date)
      errors.push({ row, field: col('date'), problem: 'invalid_date', message: `expected a date dd/mm/yyyy, got "${text(dateCell)}"` });
    if (date && period && `${date[0]}-${String(date[1]).padStart(2, '0')}` !== period) {
      errors.push({
        row,
        field: col('date'),
        problem: 'outside_period',
        message: `the date ${date[2]}/${date[1]}/${date[0]} is not in the period ${period.slice(5)}/${period.slice(0, 4)}`,
      });
    }
    if (errors.length > before || !unit?.ok || !ind?.ok || !period || value === null) continue;
    const [y, m] = period.split('-').map(Number) as [number, number];
    // Without a date: the period's last day at 17:00, or (for the running month) today's start, so
    // that importing the same file twice in a day corrects rather than adds.
    if (date && localInstant(tz, date[0], date[1], date[2]) > today) {
      errors.push({ row, field: col('date'), problem: 'in_future', message: `the date ${date[2]}/${date[1]}/${date[0]} is after today` });
      continue;
    }
    // Dated rows: 17:00 that day, or today's start for today (never in the future).
    const at = date ? Math.min(localInstant(tz, date[0], date[1], date[2], 17), today) : Math.min(localInstant(tz, y, m + 1, 0, 17), today);
    readings.push({ row, unit: unit.id, indicator: ind.id, period, value, at });
  }

  // The API's own checks, with its row numbers mapped back to the file's.
  const check =
    readings.length === 0
      ? ({ ok: true } as const)
      : validateReadings(
          { readings: readings.map((r) => ({ unit: r.unit, indicator: r.indicator, value: r.value, at: toLocalIso(r.at, tz) })) },
          config,
          now,
          MAX_IMPORT_ROWS,
        );
  if (!check.ok) {
    const header = (f: string) =>
      f === 'at' ? `${col('period')}/${col('date')}` : f === 'unit' ? col('unit') : f === 'indicator' ? col('indicator') : f === 'value' ? col('value') : f;
    for (const d of check.details)
      errors.push({
        ...d,
        row: d.row === undefined ? undefined : readings[d.row]!.row,
        field: header(d.field),
        message: d.message.replace(/row (\d+)/, (_, k: string) => `row ${readings[Number(k)]!.row}`),
      });
  }
  errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  // A wrong template gives one problem per row: name the first 200 and count the rest.
  const shown =
    errors.length > 200 ? [...errors.slice(0, 200), { field: '(file)', problem: 'more', message: `and ${errors.length - 200} more problem(s)` }] : errors;
  return { readings: errors.length ? [] : readings, errors: shown };
}
