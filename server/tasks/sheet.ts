/** The province's task-list spreadsheet (CSV/XLSX) read into task definitions: every problem named by row and column. */
import type { AppConfig } from '../config/types.js';
import type { ErrorDetail } from '../protocol/errors.js';
import { matcher, normalizeName } from '../ingest/sheet/match.js';
import { parseDate, parsePeriod } from '../ingest/sheet/interpret.js';
import type { Cell, Table } from '../ingest/sheet/table.js';
import { EVERY_UNIT, taskSchema, type TaskDef } from './schema.js';

/** The task file's columns: Vietnamese headers first, English accepted; `required` ones must be there. */
export const TASK_COLUMNS = [
  { key: 'id', vi: 'Mã nhiệm vụ', en: 'id', required: true },
  { key: 'titleVi', vi: 'Tên nhiệm vụ', en: 'title', required: true },
  { key: 'titleEn', vi: 'Tên tiếng Anh', en: 'title (en)', required: false },
  { key: 'owners', vi: 'Đơn vị chủ trì', en: 'owners', required: true },
  { key: 'deadline', vi: 'Thời hạn', en: 'deadline', required: true },
  { key: 'source', vi: 'Căn cứ', en: 'source', required: true },
  { key: 'assigned', vi: 'Ngày giao', en: 'assigned', required: false },
  { key: 'milestones', vi: 'Mốc', en: 'milestones', required: false },
  { key: 'dependsOn', vi: 'Phụ thuộc', en: 'depends on', required: false },
  { key: 'confirm', vi: 'Cần xác nhận', en: 'confirm', required: false },
  { key: 'reason', vi: 'Lý do', en: 'reason', required: false },
] as const;
type Key = (typeof TASK_COLUMNS)[number]['key'];

/** One task of the file, with its row and the reason given for a change. */
export interface SheetTask {
  row: number;
  task: TaskDef;
  reason: string | null;
}

const EVERY = ['*', 'mọi xã', 'tất cả xã', 'mọi đơn vị', 'tất cả đơn vị', 'every commune', 'every unit'].map(normalizeName);
const text = (c: Cell): string =>
  (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'object' ? String(c.percent) : String(c)).trim();
const list = (c: Cell): string[] =>
  text(c)
    .split(/[;\n]|,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter(Boolean);
const iso = ([y, m, d]: [number, number, number]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** "30/09/2024", "2024-09-30", "09/2024", "T9/2024", "2024-Q4", "Q4/2024", "Quý 4/2024" or an Excel date → the deadline spec. */
export function parseDeadline(c: Cell): string | null {
  const day = parseDate(c);
  if (day) return iso(day);
  const s = text(c);
  const q = /^(\d{4})-Q([1-4])$/i.exec(s) ?? /^(?:q|quý)\s*([1-4])[/.-](\d{4})$/iu.exec(s);
  if (q) return /^\d{4}$/.test(q[1]!) ? `${q[1]}-Q${q[2]}` : `${q[2]}-Q${q[1]}`;
  return parsePeriod(c);
}

/** Which column holds what: "Thời hạn (deadline)", "deadline" and "THỜI HẠN" all name the deadline. */
function columnsOf(headers: readonly string[]): { map: Partial<Record<Key, number>>; problems: ErrorDetail[] } {
  const map: Partial<Record<Key, number>> = {};
  headers.forEach((h, i) => {
    const names = [normalizeName(h.replace(/\(.*?\)$/, '')), normalizeName(/\((.*?)\)$/.exec(h)?.[1] ?? ''), normalizeName(h)];
    const col = TASK_COLUMNS.find((c) => names.includes(normalizeName(c.en)) || names[0] === normalizeName(c.vi));
    if (col && map[col.key] === undefined) map[col.key] = i;
  });
  const problems = TASK_COLUMNS.filter((c) => c.required && map[c.key] === undefined).map((c) => ({
    row: 1,
    field: c.vi,
    problem: 'missing_column',
    message: `no column "${c.vi}" (or "${c.en}"); the file has: ${headers.join(', ') || 'nothing'}`,
  }));
  return { map, problems };
}

/** Turn a task-list table into task definitions; nothing is checked against other tasks here (see check.ts). */
export function interpretTasks(table: Table, config: AppConfig): { tasks: SheetTask[]; errors: ErrorDetail[] } {
  const { map, problems } = columnsOf(table.headers);
  if (problems.length) return { tasks: [], errors: problems };
  const geo = config.geography;
  const units = [...geo.versions.flatMap((v) => v.units), ...geo.departments];
  const ownerOf = matcher(units.map((u) => ({ id: u.id, label: u.name.vi, keys: [u.id, u.name.vi, u.name.en, ...(u.code ? [u.code] : [])] })));
  const errors: ErrorDetail[] = [];
  const tasks: SheetTask[] = [];
  for (const { row, cells } of table.rows) {
    const cell = (k: Key): Cell => (map[k] === undefined ? null : (cells[map[k]] ?? null));
    const before = errors.length;
    const problem = (k: Key, code: string, message: string) => errors.push({ row, field: TASK_COLUMNS.find((c) => c.key === k)!.vi, problem: code, message });
    const owners = list(cell('owners')).map((o) => {
      if (EVERY.includes(normalizeName(o))) return EVERY_UNIT;
      const m = ownerOf(o);
      if (!m.ok) problem('owners', 'unknown_unit', `unknown unit or department "${o}"; closest: ${m.suggestions.join(', ')}`);
      return m.ok ? m.id : o;
    });
    const deadline = parseDeadline(cell('deadline'));
    if (cell('deadline') !== null && !deadline)
      problem('deadline', 'invalid_deadline', `"${text(cell('deadline'))}" is not a date, a month (09/2024) or a quarter (Q4/2024)`);
    const assignedDay = cell('assigned') === null ? null : parseDate(cell('assigned'));
    if (cell('assigned') !== null && !assignedDay) problem('assigned', 'invalid_date', `"${text(cell('assigned'))}" is not a date (dd/mm/yyyy)`);
    const milestones = list(cell('milestones')).map((m) => {
      const hit = /^(\S+)\s*[:–-]?\s*(.+)$/u.exec(m);
      const date = hit ? parseDate(hit[1]!) : null;
      if (!hit || !date) problem('milestones', 'invalid_milestone', `"${m}" is not "dd/mm/yyyy title"`);
      return { date: date ? iso(date) : '', title: { vi: hit?.[2] ?? m, en: hit?.[2] ?? m } };
    });
    const confirm = text(cell('confirm')).toLowerCase();
    if (confirm && !['có', 'không', 'yes', 'no'].includes(confirm)) problem('confirm', 'invalid_choice', `expected "có" or "không", got "${confirm}"`);
    const titleVi = text(cell('titleVi'));
    const candidate = {
      id: text(cell('id')),
      title: { vi: titleVi, en: text(cell('titleEn')) || titleVi },
      owners,
      deadline: deadline ?? text(cell('deadline')),
      source: { vi: text(cell('source')), en: text(cell('source')) },
      ...(assignedDay && { assigned: iso(assignedDay) }),
      milestones,
      dependsOn: list(cell('dependsOn')),
      ...(confirm && { confirm: confirm === 'có' || confirm === 'yes' }),
    };
    const parsed = taskSchema.safeParse(candidate);
    if (!parsed.success && errors.length === before) {
      for (const i of parsed.error.issues) {
        const col = TASK_COLUMNS.find((c) => c.key === i.path[0] || (i.path[0] === 'title' && c.key === 'titleVi')) ?? TASK_COLUMNS[0];
        errors.push({ row, field: col.vi, problem: i.code, message: i.message });
      }
    }
    if (parsed.success && errors.length === before) tasks.push({ row, task: parsed.data, reason: text(cell('reason')) || null });
  }
  return { tasks, errors };
}
