/**
 * Every problem of a boundary file at once: geo/check.ts checks one feature at a time here
 * (it stops at the first problem), and the findings get a hint on how to fix them.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Feature, Geometry, Position } from 'geojson';
import { checkBoundaries, GeoError } from '../../geo/check.js';
import { ringFlaw } from './rings.js';

/** One problem: which file, which field, what was expected, and how to fix it when we know. */
export interface Problem {
  file: string;
  field: string;
  expected: string;
  fix?: string;
  /** The server accepts it, but it is likely a mistake (e.g. a ring that touches itself). */
  warning?: true;
}

export interface BoundaryOptions {
  idProperty: string;
  /** The configured area units; null: any unique ids (a converted file before it has a config). */
  unitIds: readonly string[] | null;
  /** The province file: when given, ids found under another property get a `boundaries.idProperty` problem against it. */
  configFile?: string;
  /** The field of the province file that names `idProperty` (default `boundaries.idProperty`). */
  idField?: string;
  /** false: some units may be in another file of the same geography version. */
  requireAll?: boolean;
}

type AnyFeature = Partial<Feature<Geometry | null, Record<string, unknown> | null>>;

function positions(g: unknown): Position[] {
  const out: Position[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x) && typeof x[0] === 'number') out.push(x as Position);
    else if (Array.isArray(x)) x.forEach(walk);
  };
  walk((g as { coordinates?: unknown } | null)?.coordinates);
  return out;
}

/** Out of range as [longitude, latitude], in range once swapped. */
function looksSwapped(g: unknown): boolean {
  const ps = positions(g);
  return ps.length > 0 && ps.every(([a, b]) => Math.abs(a!) <= 90 && Math.abs(b!) <= 180) && ps.some(([, b]) => Math.abs(b!) > 90);
}

/** The property whose values best match the wanted ids (at least half the features), if any. */
function idCandidate(features: AnyFeature[], unitIds: readonly string[]): string | null {
  const wanted = new Set(unitIds);
  let best: [string, number] | null = null;
  for (const key of new Set(features.flatMap((f) => Object.keys(f.properties ?? {})))) {
    const hits = features.filter((f) => wanted.has(String(f.properties?.[key]))).length;
    if (hits * 2 >= features.length && hits > (best?.[1] ?? 0)) best = [key, hits];
  }
  return best?.[0] ?? null;
}

/** Rings of a (checked) Polygon or MultiPolygon with their coordinate paths. */
function rings(g: Geometry): [string, Position[]][] {
  if (g.type === 'Polygon') return g.coordinates.map((r, i) => [`[${i}]`, r]);
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p, j) => p.map((r, i): [string, Position[]] => [`[${j}][${i}]`, r]));
  return [];
}

const REPAIR = 'repair it with `npm run geo -- INPUT OUTPUT` (mapshaper splits self-touching rings), or in a GIS';

/** All problems of a parsed boundary file (see BoundaryOptions), in file order. */
export function boundaryProblems(data: unknown, file: string, o: BoundaryOptions): Problem[] {
  const fc = data as { type?: unknown; features?: unknown } | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return [{ file, field: '(top level)', expected: 'expected a GeoJSON FeatureCollection', fix: 'convert the file with `npm run geo -- INPUT OUTPUT`' }];
  }
  const features = fc.features as AnyFeature[];
  const problems: Problem[] = [];
  let prop = o.idProperty;
  if (o.configFile && o.unitIds && !features.some((f) => o.unitIds!.includes(String(f?.properties?.[prop])))) {
    const other = idCandidate(features, o.unitIds);
    problems.push({
      file: o.configFile,
      field: o.idField ?? 'boundaries.idProperty',
      expected: `expected the feature property that holds the unit ids; no feature's "${prop}" is a configured unit id`,
      fix: other
        ? `set \`${o.idField ?? 'boundaries.idProperty'}\` to "${other}" (its values are the unit ids)`
        : `give each feature a "${prop}" property with its unit id (\`npm run geo -- INPUT OUTPUT --id FIELD --slug\`), or set \`boundaries.idProperty\``,
    });
    if (other) prop = other;
  }
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const id = f?.properties?.[prop];
    const at = `features[${i}]${typeof id === 'string' && id ? ` (${id})` : ''}`;
    let shapeOk = true;
    try {
      checkBoundaries({ type: 'FeatureCollection', features: [f] }, file, prop, typeof id === 'string' ? [id] : []);
    } catch (err) {
      if (!(err instanceof GeoError)) throw err;
      const where = err.where.replace(/^features\[0\]/, `features[${i}]`);
      if (/WGS84/.test(err.expected) && looksSwapped(f.geometry)) {
        problems.push({
          file,
          field: `${at}.geometry.coordinates`,
          expected: 'coordinates look like latitude,longitude swapped',
          fix: 'write every position as [longitude, latitude] (`npm run geo -- INPUT OUTPUT --swap-xy` swaps them)',
        });
      } else {
        problems.push({ file, field: where, expected: err.expected });
      }
      if (typeof id !== 'string' || !id) return;
      shapeOk = false;
    }
    for (const [path, ring] of shapeOk && f.geometry ? rings(f.geometry) : []) {
      const flaw = ringFlaw(ring);
      if (flaw)
        problems.push({
          file,
          field: `${at}.geometry.coordinates${path}`,
          expected: `expected a simple ring; it ${flaw.kind} itself at [${flaw.at.join(', ')}]`,
          fix: REPAIR,
          warning: true,
        });
    }
    const key = String(id);
    if (seen.has(key))
      problems.push({
        file,
        field: at,
        expected: 'expected one feature per unit; this id appears twice',
        fix: 'merge the two features (mapshaper -dissolve) or give one its own id',
      });
    seen.add(key);
    if (o.unitIds && !o.unitIds.includes(key)) {
      const near = o.unitIds.length ? closest(key, [...o.unitIds]) : null;
      const hint = near && distance(key, near) <= Math.max(2, Math.floor(key.length / 3)) ? `did you mean "${near}"? ` : '';
      problems.push({
        file,
        field: `${at}.properties.${prop}`,
        expected: `expected a configured area unit id; "${key}" is not one`,
        fix: `${hint}fix the id, or add the unit to \`units\``,
      });
    }
  });
  const missing = o.requireAll === false ? [] : (o.unitIds ?? []).filter((u) => !seen.has(u));
  if (missing.length) {
    problems.push({
      file,
      field: 'features',
      expected: `expected a feature for every configured area unit; missing: ${missing.join(', ')}`,
      fix: 'add their polygons, or list units without a polygon under `departments`',
    });
  }
  return problems;
}
