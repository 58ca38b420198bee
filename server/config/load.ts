import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IANAZone } from 'luxon';
import type { z } from 'zod';
import { catalogueSchema, displaySchema, provinceSchema } from './schema.js';
import type { AppConfig, UnitConfig } from './types.js';

/** A configuration mistake: the message names the file, the field and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${file}: ${field || '(top level)'}: ${expected}`);
    this.name = 'ConfigError';
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function readJson(file: string): unknown {
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

function parseWith<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
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

  let indicators;
  if (typeof raw.indicators === 'string') {
    const catFile = resolve(dir, raw.indicators);
    indicators = parseWith(catalogueSchema, readJson(catFile), catFile).indicators;
    checkUnique(indicators.map((i) => i.id), catFile, 'indicators', 'id');
  } else {
    indicators = raw.indicators.indicators;
    checkUnique(indicators.map((i) => i.id), file, 'indicators.indicators', 'id');
  }

  if (!IANAZone.isValidZone(raw.timezone)) {
    throw new ConfigError(file, 'timezone', `expected an IANA time zone such as "Asia/Ho_Chi_Minh", got "${raw.timezone}"`);
  }

  const units: UnitConfig[] = [
    ...raw.units.map((u) => ({ ...u, kind: 'area' as const })),
    ...raw.departments.map((d) => ({ id: d.id, code: null, name: d.name, kind: 'department' as const, type: 'department' })),
  ];
  const unitIds = new Set(raw.units.map((u) => u.id));
  checkUnique(raw.units.map((u) => u.id), file, 'units', 'id');
  raw.departments.forEach((d, i) => {
    if (unitIds.has(d.id)) throw new ConfigError(file, `departments[${i}].id`, `expected an id not used by a unit, "${d.id}" is also a unit`);
  });
  checkUnique(raw.departments.map((d) => d.id), file, 'departments', 'id');

  const displayFile = raw.display ? resolve(dir, raw.display) : null;
  const display = displayFile ? parseWith(displaySchema, readJson(displayFile), displayFile) : displaySchema.parse({});
  const where = displayFile ?? file;
  if (display.staleAfterSeconds < 2 * display.heartbeatSeconds) {
    throw new ConfigError(where, 'staleAfterSeconds', `expected at least twice heartbeatSeconds (${2 * display.heartbeatSeconds}), or walls flicker stale between heartbeats`);
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
    boundaries: raw.boundaries,
    units,
    indicators,
    reporting: raw.reporting,
    risk: raw.risk,
    display,
    access: raw.access,
    demoFile: raw.demo ? resolve(dir, raw.demo) : null,
  };
}

function checkUnique(ids: string[], file: string, list: string, field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new ConfigError(file, `${list}[${i}].${field}`, `expected a unique id, "${id}" appears twice`);
    seen.add(id);
  });
}
