import { DateTime } from 'luxon';
import { ConfigError, checkUnique } from './errors.js';
import type { ProvinceFile, UnitFileConfig } from './schema.js';
import type { GeoUnit, Geography, GeographyVersion } from './types.js';

/** 00:00 local time of a local date, as an instant (ms). */
export function startOfLocalDay(date: string, tz: string): number {
  return DateTime.fromISO(date, { zone: tz }).startOf('day').toMillis();
}

/** The local date after `date` (YYYY-MM-DD). */
function nextDay(date: string): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
}

/** [start, end) instants of an inclusive local-date range; open ends are ±Infinity. */
export function rangeOf(from: string | null, until: string | null, tz: string): { start: number; end: number } {
  return { start: from ? startOfLocalDay(from, tz) : -Infinity, end: until ? startOfLocalDay(nextDay(until), tz) : Infinity };
}

function unitOf(u: UnitFileConfig, v: { id: string; from: string | null; until: string | null }, tz: string, file: string, at: string): GeoUnit {
  const from = u.from ?? v.from;
  const until = u.until ?? v.until;
  if ((v.from && from && from < v.from) || (v.until && until && until > v.until)) {
    throw new ConfigError(file, `${at}.from`, `expected the unit's validity inside its geography's (${v.from ?? '…'} – ${v.until ?? '…'})`);
  }
  if (from && until && from > until) throw new ConfigError(file, `${at}.until`, `expected a date on or after from (${from})`);
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    kind: 'area',
    type: u.type,
    from: from ?? null,
    until: until ?? null,
    ...rangeOf(from ?? null, until ?? null, tz),
    reporting: u.reporting,
    inset: u.inset,
    province: u.province ?? null,
    version: v.id,
  };
}

/** The parts of a province file that make its geography (the checker resolves them part by part). */
export type GeographyInput = Pick<ProvinceFile, 'province' | 'timezone' | 'boundaries' | 'units' | 'geographies' | 'departments' | 'crosswalks'>;

/**
 * The province file's geographies as versions by date. A file without `geographies` is one
 * version valid forever, made of `boundaries` and `units`. Throws ConfigError.
 */
export function resolveGeography(raw: GeographyInput, file: string): Geography {
  const tz = raw.timezone;
  const versions: GeographyVersion[] = [];
  if (raw.geographies) {
    if (raw.boundaries || raw.units)
      throw new ConfigError(file, raw.units ? 'units' : 'boundaries', 'expected either geographies or boundaries + units, not both');
    raw.geographies.forEach((g, i) => {
      const at = `geographies[${i}]`;
      const prev = raw.geographies![i - 1];
      if (i > 0 && !g.from) throw new ConfigError(file, `${at}.from`, 'expected a start date (only the first geography may be open at its start)');
      if (prev && (!prev.until || nextDay(prev.until) !== g.from)) {
        throw new ConfigError(
          file,
          `${at}.from`,
          `expected the day after the previous geography's until (${prev.until ? nextDay(prev.until) : 'none set'}): no gap, no overlap`,
        );
      }
      if (g.from && g.until && g.from > g.until) throw new ConfigError(file, `${at}.until`, `expected a date on or after from (${g.from})`);
      checkUnique(
        g.units.map((u) => u.id),
        file,
        `${at}.units`,
        'id',
      );
      const v = { id: g.id, from: g.from ?? null, until: g.until ?? null };
      versions.push({
        ...v,
        name: g.name,
        ...rangeOf(v.from, v.until, tz),
        files: g.boundaries.files,
        attribution: g.boundaries.attribution,
        units: g.units.map((u, n) => unitOf(u, v, tz, file, `${at}.units[${n}]`)),
      });
    });
    checkUnique(
      versions.map((v) => v.id),
      file,
      'geographies',
      'id',
    );
  } else {
    if (!raw.boundaries) throw new ConfigError(file, 'boundaries', 'expected the boundary file (or geographies)');
    if (!raw.units) throw new ConfigError(file, 'units', 'expected at least one unit (or geographies)');
    checkUnique(
      raw.units.map((u) => u.id),
      file,
      'units',
      'id',
    );
    const { attribution, ...ref } = raw.boundaries;
    const v = { id: 'default', from: null, until: null };
    versions.push({
      ...v,
      name: raw.province.name,
      start: -Infinity,
      end: Infinity,
      files: [{ ...ref, dissolve: [] }],
      attribution,
      units: raw.units.map((u, n) => unitOf(u, v, tz, file, `units[${n}]`)),
    });
  }

  const areaIds = new Set(versions.flatMap((v) => v.units.map((u) => u.id)));
  raw.departments.forEach((d, i) => {
    if (areaIds.has(d.id)) throw new ConfigError(file, `departments[${i}].id`, `expected an id not used by a unit, "${d.id}" is also a unit`);
  });
  checkUnique(
    raw.departments.map((d) => d.id),
    file,
    'departments',
    'id',
  );
  const departments = raw.departments.map((d, n) =>
    unitOf({ ...d, code: null, type: 'department', reporting: true, inset: false }, { id: '', from: null, until: null }, tz, file, `departments[${n}]`),
  );
  const ids = new Set(versions.map((v) => v.id));
  raw.crosswalks.forEach((c, i) => {
    for (const k of ['from', 'to'] as const) {
      if (!ids.has(c[k])) throw new ConfigError(file, `crosswalks[${i}].${k}`, `expected a geography id (${[...ids].join(', ')}), got "${c[k]}"`);
    }
  });
  return { timezone: tz, versions, departments: departments.map((d) => ({ ...d, kind: 'department', version: null })), crosswalks: raw.crosswalks };
}
