/**
 * `collectProblems`: everything wrong with a province file, its indicator and display files and
 * its boundary file, at once, without starting the server. Built on the server's own zod schemas
 * and geo checks; the server's loaders run last, so the checker never passes what the server refuses.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { loadBoundaries } from '../../geo/load.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { catalogueSchema, displaySchema, provinceSchema } from '../config/schema.js';
import { boundaryProblems, type Problem } from './boundary-problems.js';

export type { Problem } from './boundary-problems.js';

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';

/** Parsed JSON, or the problem that stops reading this file. */
function readJson(file: string, what: string): { data: unknown } | { problem: Problem } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      problem: {
        file,
        field: '(file)',
        expected: `expected a readable ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        fix: 'check the file name and the folder it is looked for in',
      },
    };
  }
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (err) {
    return { problem: { file, field: '(top level)', expected: `expected valid JSON (${(err as Error).message})` } };
  }
}

/** Every zod issue of `data` against `schema`, each as a problem. */
function zodProblems<T>(schema: z.ZodType<T>, data: unknown, file: string): { value: T | null; problems: Problem[] } {
  const r = schema.safeParse(data);
  if (r.success) return { value: r.data, problems: [] };
  return {
    value: null,
    problems: r.error.issues.map((i) => {
      const keys = i.code === 'unrecognized_keys' ? i.keys : [];
      const field = fieldPath(keys.length ? [...i.path, keys[0]!] : i.path);
      return {
        file,
        field,
        expected: i.message,
        ...(keys.length && { fix: `remove ${keys.map((k) => `"${k}"`).join(', ')}, or check the spelling against the README` }),
      };
    }),
  };
}

function duplicates(ids: readonly string[], file: string, list: string): Problem[] {
  const seen = new Set<string>();
  return ids.flatMap((id, i) => {
    const dup = seen.has(id);
    seen.add(id);
    return dup ? [{ file, field: `${list}[${i}].id`, expected: `expected a unique id; "${id}" appears twice`, fix: 'give it its own id' }] : [];
  });
}

/** Every problem of the province file `provinceFile`, with boundary files looked up in `geoDir` (as the server does). */
export function collectProblems(provinceFile: string, geoDir: string): Problem[] {
  const file = resolve(provinceFile);
  const dir = dirname(file);
  const read = readJson(file, 'province file');
  if ('problem' in read) return [read.problem];
  const problems: Problem[] = [];
  const data = read.data as Record<string, unknown> | null;
  const province = zodProblems(provinceSchema, data, file);
  problems.push(...province.problems);
  // Each part on its own, so that one mistake does not hide the checks of the others.
  const shape = provinceSchema.shape;

  let indicatorIds: string[] | null = null;
  const inds = shape.indicators.safeParse(data?.indicators);
  if (inds.success && typeof inds.data === 'string') {
    const catFile = resolve(dir, inds.data);
    const cat = readJson(catFile, 'indicator catalogue');
    const parsed = 'problem' in cat ? { value: null, problems: [cat.problem] } : zodProblems(catalogueSchema, cat.data, catFile);
    problems.push(...parsed.problems);
    if (parsed.value) problems.push(...duplicates((indicatorIds = parsed.value.indicators.map((i) => i.id)), catFile, 'indicators'));
  } else if (inds.success && typeof inds.data !== 'string') {
    problems.push(...duplicates((indicatorIds = inds.data.indicators.map((i) => i.id)), file, 'indicators.indicators'));
  }

  const tz = shape.timezone.safeParse(data?.timezone);
  if (tz.success && !IANAZone.isValidZone(tz.data)) {
    problems.push({ file, field: 'timezone', expected: `expected an IANA time zone, got "${tz.data}"`, fix: 'use "Asia/Ho_Chi_Minh" for Vietnam' });
  }

  const units = shape.units.safeParse(data?.units);
  const departments = shape.departments.safeParse(data?.departments);
  if (units.success)
    problems.push(
      ...duplicates(
        units.data.map((u) => u.id),
        file,
        'units',
      ),
    );
  if (units.success && departments.success) {
    const unitIds = new Set(units.data.map((u) => u.id));
    departments.data.forEach((d, i) => {
      if (unitIds.has(d.id))
        problems.push({
          file,
          field: `departments[${i}].id`,
          expected: `expected an id not used by a unit; "${d.id}" is also a unit`,
          fix: 'rename the department',
        });
    });
    problems.push(
      ...duplicates(
        departments.data.map((d) => d.id),
        file,
        'departments',
      ),
    );
  }

  const display = shape.display.safeParse(data?.display);
  if (display.success && display.data) problems.push(...displayProblems(resolve(dir, display.data), indicatorIds));

  // Unit ids as written, even when another field of a unit is wrong: the boundaries are still checked.
  const rawUnits: unknown[] = Array.isArray(data?.units) ? data.units : [];
  const areaIds = rawUnits.flatMap((u) => (typeof (u as { id?: unknown })?.id === 'string' ? [(u as { id: string }).id] : []));
  const boundaries = shape.boundaries.safeParse(data?.boundaries);
  if (boundaries.success && areaIds.length) {
    const b = boundaries.data;
    const geoFile = isAbsolute(b.file) ? b.file : resolve(geoDir, b.file);
    const geo = readJson(geoFile, `boundary file (looked for in ${geoDir}; set IOC_GEO_DIR or --geo-dir)`);
    if ('problem' in geo) problems.push(geo.problem);
    else problems.push(...boundaryProblems(geo.data, geoFile, { idProperty: b.idProperty, unitIds: areaIds, configFile: file }));
  }

  if (!problems.some((p) => !p.warning)) problems.push(...serverVerdict(file, geoDir));
  return problems;
}

function displayProblems(displayFile: string, indicatorIds: string[] | null): Problem[] {
  const read = readJson(displayFile, 'display file');
  if ('problem' in read) return [read.problem];
  const { value: d, problems } = zodProblems(displaySchema, read.data, displayFile);
  if (!d) return problems;
  if (d.staleAfterSeconds < 2 * d.heartbeatSeconds) {
    problems.push({
      file: displayFile,
      field: 'staleAfterSeconds',
      expected: `expected at least twice heartbeatSeconds (${2 * d.heartbeatSeconds}), or walls flicker stale between heartbeats`,
    });
  }
  if (!d.playlists[d.defaultPlaylist]) {
    problems.push({ file: displayFile, field: 'defaultPlaylist', expected: `expected one of the playlists (${Object.keys(d.playlists).join(', ')})` });
  }
  for (const [name, scenes] of Object.entries(d.playlists)) {
    scenes.forEach((sc, i) => {
      if (sc.scene === 'indicator' && indicatorIds && !indicatorIds.includes(sc.indicator)) {
        problems.push({
          file: displayFile,
          field: `playlists.${name}[${i}].indicator`,
          expected: `expected an indicator id from the catalogue, got "${sc.indicator}"`,
          fix: `one of: ${indicatorIds.join(', ')}`,
        });
      }
    });
  }
  return problems;
}

/** What the server's own loaders say, for any check the collector does not know (yet). */
function serverVerdict(file: string, geoDir: string): Problem[] {
  try {
    const config = loadConfig(file);
    const area = config.units.filter((u) => u.kind === 'area').map((u) => u.id);
    loadBoundaries(geoDir, config.boundaries.file, config.boundaries.idProperty, area);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return [{ file: err.file, field: err.field || '(top level)', expected: err.expected }];
    const e = err as { file?: string; where?: string; expected?: string; message: string };
    return [{ file: e.file ?? file, field: e.where ?? '(top level)', expected: e.expected ?? e.message }];
  }
}
