/**
 * Geography problems, all at once: each version (dates, gaps and overlaps, its units) and each
 * version's boundary files (filter, dissolve, ids). The server's resolveGeography and boundary
 * loaders stop at their first error, so they run here on one part at a time.
 */
import { isAbsolute, resolve } from 'node:path';
import { loadVersionBoundaries } from '../../geo/load.js';
import { selectFeatures } from '../../geo/select.js';
import { resolveGeography, type GeographyInput } from '../config/geography.js';
import { geographySchema, provinceSchema, type BoundaryFileConfig, type GeographyFileConfig } from '../config/schema.js';
import type { GeographyVersion } from '../config/types.js';
import { boundaryProblems, type Problem } from './boundary-problems.js';
import { attempt, readJson } from './read.js';

/** One version's boundary files and the unit ids (as written) they must hold. */
interface VersionRef {
  files: BoundaryFileConfig[];
  unitIds: string[];
  /** The province-file field naming file `j`'s id property. */
  idField: (j: number) => string;
}

/** What the collector learnt: the problems, the versions that resolved, and every area unit id. */
export interface GeographyFindings {
  problems: Problem[];
  /** Resolved versions by id (those with a problem are left out). */
  versions: Map<string, GeographyVersion>;
  /** Every version id as written, resolved or not. */
  versionIds: string[];
  areaIds: string[];
}

/** `geographies[0].x` of a one-part call is `geographies[i].x` of the file. */
const renameIndex = (from: number, to: number) => (field: string) =>
  field.startsWith(`geographies[${from}]`) ? `geographies[${to}]${field.slice(`geographies[${from}]`.length)}` : field;

const idsOf = (units: unknown): string[] =>
  (Array.isArray(units) ? units : []).flatMap((u) => (typeof (u as { id?: unknown })?.id === 'string' ? [(u as { id: string }).id] : []));

/** The geography of the province file `data` (parsed JSON of `file`), boundary files looked up in `geoDir`. */
export function geographyProblems(data: Record<string, unknown> | null, file: string, geoDir: string): GeographyFindings {
  const shape = provinceSchema.shape;
  const tz = shape.timezone.safeParse(data?.timezone);
  const base: GeographyInput = {
    province: { id: 'province', code: null, name: { vi: '—', en: '—' } },
    timezone: tz.success ? tz.data : 'Asia/Ho_Chi_Minh',
    departments: [],
    crosswalks: [],
  };
  const out: GeographyFindings = { problems: [], versions: new Map(), versionIds: [], areaIds: [] };
  const keep = (r: { value: GeographyVersion } | { problem: Problem }) =>
    'problem' in r ? out.problems.push(r.problem) : out.versions.set(r.value.id, r.value);
  const refs: VersionRef[] = [];
  const boundaries = shape.boundaries.safeParse(data?.boundaries);
  const units = shape.units.safeParse(data?.units);

  if (Array.isArray(data?.geographies)) {
    const raw: unknown[] = data.geographies;
    const parsed = raw.map((g) => geographySchema.safeParse(g).data ?? null);
    parsed.forEach((g, i) => {
      if (g) keep(attempt(() => resolveGeography({ ...base, geographies: [g] }, file).versions[0]!, renameIndex(0, i)));
      const prev = parsed[i - 1];
      // Dates of a pair only: the previous version's until against this one's from.
      const pair = g && prev ? attempt(() => resolveGeography({ ...base, geographies: pairOf(prev, g) }, file), renameIndex(1, i)) : null;
      if (pair && 'problem' in pair) out.problems.push(pair.problem);
      const b = geographySchema.shape.boundaries.safeParse((raw[i] as { boundaries?: unknown } | null)?.boundaries);
      const unitIds = idsOf((raw[i] as { units?: unknown } | null)?.units);
      if (b.success) refs.push({ files: b.data.files, unitIds, idField: (j) => `geographies[${i}].boundaries.files[${j}].idProperty` });
      out.versionIds.push(...idsOf([raw[i]]));
      out.areaIds.push(...unitIds);
    });
    // The rules across all versions (e.g. a version id used twice), and geographies with boundaries + units.
    if (parsed.every(Boolean)) {
      const all = parsed.map((g) => ({ ...g!, units: [] }));
      const whole = attempt(() => resolveGeography({ ...base, geographies: all, boundaries: boundaries.data, units: units.data }, file));
      if ('problem' in whole) out.problems.push(whole.problem);
    }
  } else {
    if (boundaries.success && units.success)
      keep(attempt(() => resolveGeography({ ...base, boundaries: boundaries.data, units: units.data }, file).versions[0]!));
    const unitIds = idsOf(data?.units);
    if (boundaries.success && boundaries.data) refs.push({ files: [{ ...boundaries.data, dissolve: [] }], unitIds, idField: () => 'boundaries.idProperty' });
    out.versionIds.push('default');
    out.areaIds.push(...unitIds);
  }
  for (const ref of refs) if (ref.unitIds.length) out.problems.push(...versionBoundaryProblems(ref, file, geoDir));
  return out;
}

/** Two consecutive versions reduced to the dates that must meet (no gap, no overlap). */
function pairOf(prev: GeographyFileConfig, g: GeographyFileConfig): GeographyFileConfig[] {
  const { from: _from, ...p } = prev;
  const { until: _until, ...q } = g;
  return [
    { ...p, units: [] },
    { ...q, units: [] },
  ];
}

/** Every problem of one version's boundary files: each file, its filter and each dissolve on its own. */
function versionBoundaryProblems(ref: VersionRef, file: string, geoDir: string): Problem[] {
  const problems: Problem[] = [];
  ref.files.forEach((f, j) => {
    const geoFile = isAbsolute(f.file) ? f.file : resolve(geoDir, f.file);
    const geo = readJson(geoFile, `boundary file (looked for in ${geoDir}; set IOC_GEO_DIR or --geo-dir)`);
    if ('problem' in geo) return problems.push(geo.problem);
    const filtered = attempt(() => selectFeatures(geo.data, geoFile, f.idProperty, { filter: f.filter }));
    if ('problem' in filtered) return problems.push(filtered.problem);
    let selected = filtered.value;
    for (const d of f.dissolve) {
      const r = attempt(() => selectFeatures(selected, geoFile, f.idProperty, { dissolve: [d] }));
      if ('problem' in r) problems.push(r.problem);
      else selected = r.value;
    }
    const o = { idProperty: f.idProperty, unitIds: ref.unitIds, configFile: file, idField: ref.idField(j), requireAll: ref.files.length === 1 };
    return problems.push(...boundaryProblems(selected, geoFile, o));
  });
  // Across files (each unit in exactly one of them): the server's loader, once each file is sound.
  if (ref.files.length > 1 && !problems.some((p) => !p.warning)) {
    const r = attempt(() => loadVersionBoundaries(geoDir, { files: ref.files, units: ref.unitIds.map((id) => ({ id })) }));
    if ('problem' in r) problems.push(r.problem);
  }
  return problems;
}
