import type { Localized } from '../protocol/state.js';
import type { GeoUnit, Geography, GeographyVersion } from '../config/types.js';
import { typedName } from './names.js';

/** The geography valid at `instant` (ms), or null when the province had none configured then. */
export function versionAt(geo: Geography, instant: number): GeographyVersion | null {
  return geo.versions.find((v) => instant >= v.start && instant < v.end) ?? null;
}

/** Whether `unit` is valid at `instant`: start inclusive, end exclusive (00:00 local after `until`). */
export function isUnitValidAt(unit: Pick<GeoUnit, 'start' | 'end'>, instant: number): boolean {
  return instant >= unit.start && instant < unit.end;
}

/** The units valid at `instant`: that version's area units, then the departments. */
export function unitsAt(geo: Geography, instant: number): GeoUnit[] {
  const v = versionAt(geo, instant);
  return [...(v?.units ?? []), ...geo.departments].filter((u) => isUnitValidAt(u, instant));
}

/**
 * A unit by id over all versions, its validity spanning every version it is in (a district that
 * continued from 2024 into 2025 is one unit); null when no version has it.
 */
export function unitById(geo: Geography, id: string): GeoUnit | null {
  const all = [...geo.versions.flatMap((v) => v.units), ...geo.departments].filter((u) => u.id === id);
  if (!all.length) return null;
  const first = all.reduce((a, b) => (b.start < a.start ? b : a));
  const last = all.reduce((a, b) => (b.end > a.end ? b : a));
  return { ...last, from: first.from, start: first.start };
}

/** Every unit of every version by id, each as `unitById` gives it (one pass: for validating a batch). */
export function unitsById(geo: Geography): Map<string, GeoUnit> {
  const out = new Map<string, GeoUnit>();
  for (const u of [...geo.versions.flatMap((v) => v.units), ...geo.departments]) {
    const seen = out.get(u.id);
    if (!seen) out.set(u.id, u);
    else out.set(u.id, { ...(u.end > seen.end ? u : seen), from: u.start < seen.start ? u.from : seen.from, start: Math.min(u.start, seen.start) });
  }
  return out;
}

/** dd/mm/yyyy of a local date YYYY-MM-DD. */
export function formatLocalDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "từ … đến …" / "from … to …" of a unit's validity (open ends left out). */
export function validityText(unit: Pick<GeoUnit, 'from' | 'until'>): Localized {
  const vi = [unit.from && `từ ${formatLocalDate(unit.from)}`, unit.until && `đến ${formatLocalDate(unit.until)}`].filter(Boolean).join(' ');
  const en = [unit.from && `from ${formatLocalDate(unit.from)}`, unit.until && `to ${formatLocalDate(unit.until)}`].filter(Boolean).join(' ');
  return { vi: vi || 'không giới hạn', en: en || 'without limit' };
}

/**
 * Why a reading of `unit` at `instant` must be refused, or null when the unit is valid then:
 * "đơn vị phường Tam Kỳ chỉ có hiệu lực từ 01/07/2025" (Vietnamese first, then English).
 */
export function validityError(unit: GeoUnit, instant: number): Localized | null {
  if (isUnitValidAt(unit, instant)) return null;
  const t = validityText(unit);
  const n = typedName(unit);
  return { vi: `đơn vị ${n.vi} chỉ có hiệu lực ${t.vi}`, en: `unit ${n.en} is only valid ${t.en}` };
}
