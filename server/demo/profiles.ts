import { ConfigError } from '../config/load.js';
import type { AppConfig, GeoUnit } from '../config/types.js';
import { loadCrosswalks, unitById, type Crosswalk } from '../geography/index.js';
import { atNow, noise, parseScenario, type Archetype, type Profile, type Scenario, type ScenarioFile } from './scenario.js';

/** Archetypes from worst to best: a profile shifted by n steps moves n places along it. */
const LADDER: readonly Archetype[] = ['falling', 'off_track', 'at_risk', 'on_track', 'met'];

function shifted(a: Archetype, by: number): Archetype {
  const i = a === 'overdue' ? 1 : LADDER.indexOf(a);
  return LADDER[Math.min(LADDER.length - 1, Math.max(0, i + by))]!;
}

/** Every unit of every geography version (one entry per id, validity spanning its versions), then the departments. */
export function allUnits(config: AppConfig): GeoUnit[] {
  const ids = [...new Set(config.geography.versions.flatMap((v) => v.units.map((u) => u.id)))];
  return [...ids.map((id) => unitById(config.geography, id)!), ...config.geography.departments];
}

/**
 * A 2025 unit's profile from its main predecessor (the whole link, else the first): the
 * predecessor's profile moved by its province's shift and, for a seeded share of units, one step
 * more up or down. Report habits carry over ("missing" becomes "late": a new unit files).
 */
export function derivedProfile(s: ScenarioFile, crosswalk: Crosswalk, unitId: string): Profile | null {
  const links = crosswalk.predecessors(unitId);
  const main = links.find((l) => l.share === 'whole') ?? links[0];
  const rule = s.today?.fromPredecessors;
  if (!main || !rule) return null;
  const p = s.units[main.from.id] ?? s.default;
  const n = noise(`${s.seed}|spread|${unitId}`);
  const extra = n > 1 - rule.spread ? 1 : n < rule.spread - 1 ? -1 : 0;
  const by = (rule.shift[main.from.province ?? ''] ?? 0) + extra;
  const overrides = Object.fromEntries(Object.entries(p.overrides).map(([k, a]) => [k, shifted(a, by)]));
  return {
    base: shifted(p.base, by),
    overrides,
    reports: p.reports === 'missing' ? 'late' : p.reports,
    note: `from ${main.from.id} (${by >= 0 ? '+' : ''}${by})`,
  };
}

function checkIds(file: string, field: string, ids: string[], known: Map<string, GeoUnit>, what: string): void {
  for (const id of ids) {
    const u = known.get(id);
    if (!u) throw new ConfigError(file, `${field}.${id}`, `expected a unit id of ${what}`);
    if (!u.reporting) throw new ConfigError(file, `${field}.${id}`, `expected a reporting unit (${id} is marked not reporting: no demo data is made for it)`);
  }
}

/**
 * Read and validate a demo scenario against the province: its unit ids exist (and report), its
 * "now" is resolved to `now`, and with `today.fromPredecessors` every reporting unit of the latest
 * geography gets a profile derived through the crosswalk read from `geoDir`.
 */
export function loadScenario(file: string, config: AppConfig, o: { geoDir: string; now: number }): Scenario {
  const s = parseScenario(file);
  const latest = config.geography.versions.at(-1)!;
  checkIds(file, 'units', Object.keys(s.units), new Map(allUnits(config).map((u) => [u.id, u])), 'the province config (any geography, or a department)');
  if (!s.today) return atNow(s, o.now);
  const today = new Map([...latest.units, ...config.geography.departments].map((u) => [u.id, u]));
  checkIds(file, 'today.units', Object.keys(s.today.units), today, `geography "${latest.id}" or a department`);
  const units = { ...s.today.units };
  if (s.today.fromPredecessors) {
    const cw = loadCrosswalks(o.geoDir, config.geography).find((c) => c.to === latest.id);
    if (!cw) throw new ConfigError(file, 'today.fromPredecessors', `expected a crosswalk into geography "${latest.id}" in the province file`);
    for (const u of latest.units) {
      const p = u.reporting && !units[u.id] ? derivedProfile(s, cw, u.id) : null;
      if (p) units[u.id] = p;
    }
  }
  return atNow({ ...s, today: { ...s.today, units } }, o.now);
}
