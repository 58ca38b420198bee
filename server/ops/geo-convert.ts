/**
 * Turn a GeoJSON or shapefile into a boundary file the product reads: WGS84, rings repaired
 * (mapshaper's -clean splits rings that touch or cross themselves), simplified, wound as
 * RFC 7946 says (outer rings counter-clockwise), coordinates rounded to 5 decimals (about a
 * metre), and an `id` property per feature. The result is checked like a province's boundaries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import mapshaper from 'mapshaper';
import { boundaryProblems, type Problem } from './boundary-problems.js';
import { OpsError } from './backup.js';

export interface ConvertOptions {
  /** The input property holding each unit's id (default `id`). */
  id?: string;
  /** Make ASCII slugs of the ids ("Tam Kỳ" → "tam-ky"), as unit ids must be. */
  slug?: boolean;
  /** Further input properties to keep (names, codes). */
  keep?: readonly string[];
  /** Simplification tolerance in metres (Douglas–Peucker, shapes kept); 0: none. Default 20. */
  simplifyMetres?: number;
  /** The input has [latitude, longitude] positions: swap them first (GeoJSON input only). */
  swapXY?: boolean;
  /** Check the ids against these unit ids (from a province file); otherwise only that they are unique. */
  unitIds?: readonly string[] | null;
}

export interface Converted {
  data: FeatureCollection;
  problems: Problem[];
}

/** An ASCII slug of a Vietnamese name: diacritics dropped, đ → d, words joined by "-". */
export function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const SHAPEFILE_PARTS = ['.shp', '.shx', '.dbf', '.prj', '.cpg'];

/** The input as mapshaper's in-memory files, and whether it says which projection it is in. */
/** Every position of a GeoJSON text with its first two numbers swapped. */
function swapped(text: Buffer): Buffer {
  const walk = (x: unknown): unknown => (Array.isArray(x) && typeof x[0] === 'number' ? [x[1], x[0], ...x.slice(2)] : Array.isArray(x) ? x.map(walk) : x);
  const visit = (g: Record<string, unknown> | null): void => {
    if (!g) return;
    if ('coordinates' in g) g.coordinates = walk(g.coordinates);
    (g.geometries as Record<string, unknown>[] | undefined)?.forEach(visit);
    (g.features as Record<string, unknown>[] | undefined)?.forEach((f) => visit(f.geometry as Record<string, unknown> | null));
    if (g.type === 'Feature') visit(g.geometry as Record<string, unknown> | null);
  };
  const data = JSON.parse(text.toString('utf8')) as Record<string, unknown>;
  visit(data);
  return Buffer.from(JSON.stringify(data));
}

function readInput(file: string, swapXY: boolean): { files: Record<string, Buffer>; name: string; hasPrj: boolean } {
  if (!existsSync(file)) throw new OpsError(`${file} not found`);
  const ext = extname(file).toLowerCase();
  if (ext === '.shp') {
    const stem = file.slice(0, -ext.length);
    const files: Record<string, Buffer> = {};
    for (const part of SHAPEFILE_PARTS) {
      const path = [stem + part, stem + part.toUpperCase()].find((p) => existsSync(p));
      if (path) files[`input${part}`] = readFileSync(path);
    }
    if (swapXY) throw new OpsError('--swap-xy works on GeoJSON input; a shapefile with swapped axes needs fixing in a GIS');
    if (!files['input.dbf']) throw new OpsError(`${basename(stem)}.dbf is missing beside ${file}: a shapefile's attributes (the unit ids) are in it`);
    return { files, name: 'input.shp', hasPrj: Boolean(files['input.prj']) };
  }
  if (ext === '.json' || ext === '.geojson') {
    const text = readFileSync(file);
    return { files: { 'input.json': swapXY ? swapped(text) : text }, name: 'input.json', hasPrj: false };
  }
  throw new OpsError(`${file}: expected a GeoJSON (.geojson, .json) or shapefile (.shp) input`);
}

/** Convert `input` (see the module comment); problems of the result are returned, not thrown. */
export async function convertBoundaries(input: string, o: ConvertOptions = {}): Promise<Converted> {
  const { files, name, hasPrj } = readInput(input, o.swapXY ?? false);
  const metres = o.simplifyMetres ?? 20;
  const commands = [
    `-i ${name}`,
    hasPrj ? '-proj wgs84' : '',
    '-clean',
    metres > 0 ? `-simplify dp interval=${metres} keep-shapes -clean` : '',
    '-o output.json format=geojson precision=0.00001 rfc7946',
  ].join(' ');
  let out: Record<string, string | Buffer>;
  try {
    out = await mapshaper.applyCommands(commands, files);
  } catch (err) {
    throw new OpsError(`${input}: mapshaper could not read or convert it (${(err as Error).message})`);
  }
  const raw = JSON.parse(String(out['output.json'])) as FeatureCollection<Geometry | null>;
  const idField = o.id ?? 'id';
  const problems: Problem[] = [];
  const features: Feature[] = [];
  raw.features.forEach((f, i) => {
    const p = f.properties ?? {};
    const value = p[idField];
    if (value === undefined || value === null || value === '') {
      problems.push({
        file: input,
        field: `features[${i}].properties.${idField}`,
        expected: `expected the unit id in "${idField}"`,
        fix: `choose the property with --id (this feature has: ${Object.keys(p).join(', ') || 'none'})`,
      });
      return;
    }
    const id = o.slug ? slugify(String(value)) : String(value);
    if (!f.geometry) {
      problems.push({
        file: input,
        field: `features[${i}] (${id}).geometry`,
        expected: 'expected a polygon; nothing was left after repair (a ring of no area?)',
        fix: 'fix the shape in a GIS',
      });
      return;
    }
    const kept = Object.fromEntries((o.keep ?? []).filter((k) => k in p).map((k) => [k, p[k]]));
    features.push({ type: 'Feature', properties: { id, ...kept }, geometry: f.geometry });
  });
  const data: FeatureCollection = { type: 'FeatureCollection', features };
  problems.push(...boundaryProblems(data, input, { idProperty: 'id', unitIds: o.unitIds ?? null }));
  return { data, problems };
}
