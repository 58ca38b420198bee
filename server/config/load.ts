import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { catalogueSchema, displaySchema, provinceSchema } from './schema.js';
import { ConfigError, checkUnique } from './errors.js';
import { resolveGeography } from './geography.js';
import { withLocalTargets } from './indicators.js';
import type { IndicatorConfig } from './schema.js';
import type { AppConfig, UnitConfig } from './types.js';
import { loadTasks } from '../tasks/load.js';

export { ConfigError } from './errors.js';

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** A JSON file's value; ConfigError naming the file when it cannot be read or parsed. */
export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, '', `cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(file, '', `expected valid JSON (${(err as Error).message})`);
  }
}

/** `data` parsed by `schema`; ConfigError naming the file and field of the first issue. */
export function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(file, fieldPath(issue.path), issue.message);
  }
  return result.data;
}

/** Read and validate a province file and its indicator catalogue. Throws ConfigError. */
export function loadConfig(provinceFile: string): AppConfig {
  const file = resolve(provinceFile);
  const raw = parseWith(provinceSchema, readJson(file), file);
  const dir = dirname(file);

  let indicators: IndicatorConfig[];
  if (typeof raw.indicators === 'string' || Array.isArray(raw.indicators)) {
    // Several catalogues add up (e.g. the 2024 one and the indicators new in 2025).
    const files = typeof raw.indicators === 'string' ? [raw.indicators] : raw.indicators;
    indicators = [];
    for (const name of files) {
      const catFile = resolve(dir, name);
      indicators.push(...parseWith(catalogueSchema, readJson(catFile), catFile).indicators);
      checkUnique(
        indicators.map((i) => i.id),
        catFile,
        'indicators',
        'id',
      );
    }
  } else {
    indicators = raw.indicators.indicators;
    checkUnique(
      indicators.map((i) => i.id),
      file,
      'indicators.indicators',
      'id',
    );
  }

  indicators = withLocalTargets(indicators, raw.localTargets, file);

  if (!IANAZone.isValidZone(raw.timezone)) {
    throw new ConfigError(file, 'timezone', `expected an IANA time zone such as "Asia/Ho_Chi_Minh", got "${raw.timezone}"`);
  }

  const geography = resolveGeography(raw, file);
  const latest = geography.versions.at(-1)!;
  // Callers not yet on `geography` see today's map: the latest version and the departments still in it.
  const units: UnitConfig[] = [...latest.units, ...geography.departments.filter((d) => d.end > latest.start)];

  const displayFile = raw.display ? resolve(dir, raw.display) : null;
  const display = displayFile ? parseWith(displaySchema, readJson(displayFile), displayFile) : displaySchema.parse({});
  const where = displayFile ?? file;
  if (display.staleAfterSeconds < 2 * display.heartbeatSeconds) {
    throw new ConfigError(
      where,
      'staleAfterSeconds',
      `expected at least twice heartbeatSeconds (${2 * display.heartbeatSeconds}), or walls flicker stale between heartbeats`,
    );
  }
  if (!display.playlists[display.defaultPlaylist]) {
    throw new ConfigError(where, 'defaultPlaylist', `expected one of the playlists (${Object.keys(display.playlists).join(', ')})`);
  }
  for (const [name, scenes] of Object.entries(display.playlists)) {
    scenes.forEach((sc, i) => {
      if (sc.scene === 'indicator' && !indicators.some((ind) => ind.id === sc.indicator)) {
        throw new ConfigError(where, `playlists.${name}[${i}].indicator`, `expected an indicator id from the catalogue, got "${sc.indicator}"`);
      }
    });
  }

  return {
    file,
    province: raw.province,
    timezone: raw.timezone,
    boundaries: { ...latest.files[0]!, attribution: latest.attribution },
    units,
    geography,
    indicators,
    reporting: raw.reporting,
    risk: raw.risk,
    display,
    access: raw.access,
    demoFile: raw.demo ? resolve(dir, raw.demo) : null,
    notifications: raw.notifications,
    tasks: loadTasks(raw.tasks ? resolve(dir, raw.tasks) : null, geography),
  };
}
