import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';

/** Test helpers: the shared boundary folder and the shipped Đà Nẵng file, as is or changed. */
export const GEO_DIR = resolve(process.env.IOC_GEO_DIR ?? '../shared/geo');
export const DA_NANG = resolve('config/province.json');

type Json = Record<string, unknown>;

/** A copy of config/province.json changed by `edit`, written to a temp folder (paths made absolute). */
export function daNangCopy(edit: (cfg: Json & { geographies: Json[]; departments: Json[] }) => void): string {
  const cfg = JSON.parse(readFileSync(DA_NANG, 'utf8')) as Json & { geographies: Json[]; departments: Json[]; indicators: string[] };
  cfg.indicators = cfg.indicators.map((f) => resolve('config', f));
  cfg.display = resolve('config', cfg.display as string);
  if (typeof cfg.tasks === 'string') cfg.tasks = resolve('config', cfg.tasks);
  edit(cfg);
  const file = join(mkdtempSync(join(tmpdir(), 'ioc-geo-')), 'province.json');
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}

/** The ConfigError that loading `file` throws (throws itself when none is thrown). */
export function configErrorOf(file: string): ConfigError {
  try {
    loadConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected ${file} to be refused`);
}
