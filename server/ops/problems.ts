/**
 * `collectProblems`: everything wrong with a province file, its indicator and display files,
 * each geography version with its boundary files, and the crosswalks, at once, without starting the server. Built on the server's own zod schemas
 * and geo checks; the server's loaders run last, so the checker never passes what the server refuses.
 */
import { dirname, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import { loadVersionBoundaries } from '../../geo/load.js';
import { loadConfig } from '../config/load.js';
import { displaySchema, provinceSchema } from '../config/schema.js';
import { loadCrosswalks } from '../geography/crosswalk.js';
import type { Problem } from './boundary-problems.js';
import { crosswalkProblems } from './crosswalk-problems.js';
import { geographyProblems } from './geography-problems.js';
import { indicatorProblems } from './indicator-problems.js';
import { asProblem, duplicates, readJson, zodProblems } from './read.js';

export type { Problem } from './boundary-problems.js';

/** Every problem of the province file `provinceFile`, with boundary and crosswalk files looked up in `geoDir` (as the server does). */
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

  const indicators = indicatorProblems(data, file);
  problems.push(...indicators.problems);

  const tz = shape.timezone.safeParse(data?.timezone);
  if (tz.success && !IANAZone.isValidZone(tz.data)) {
    problems.push({ file, field: 'timezone', expected: `expected an IANA time zone, got "${tz.data}"`, fix: 'use "Asia/Ho_Chi_Minh" for Vietnam' });
  }

  const geo = geographyProblems(data, file, geoDir);
  problems.push(...geo.problems);
  const departments = shape.departments.safeParse(data?.departments);
  if (departments.success) {
    const unitIds = new Set(geo.areaIds);
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
  problems.push(...crosswalkProblems(data?.crosswalks, file, geoDir, geo.versionIds, geo.versions));

  const display = shape.display.safeParse(data?.display);
  if (display.success && display.data) problems.push(...displayProblems(resolve(dir, display.data), indicators.ids));

  const unique = uniqueProblems(problems);
  if (!unique.some((p) => !p.warning)) unique.push(...serverVerdict(file, geoDir));
  return unique;
}

/** The same problem found by two parts (e.g. a version's and the whole list's check) once. */
function uniqueProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\n${p.field}\n${p.expected}`;
    return !seen.has(key) && !!seen.add(key);
  });
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
    const { geography } = loadConfig(file);
    for (const v of geography.versions) loadVersionBoundaries(geoDir, v);
    loadCrosswalks(geoDir, geography);
    return [];
  } catch (err) {
    try {
      return [asProblem(err)];
    } catch {
      const e = err as Error;
      return [{ file, field: '(top level)', expected: e.message }];
    }
  }
}
