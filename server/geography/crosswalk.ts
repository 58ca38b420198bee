import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { GeoUnit, Geography, GeographyVersion } from '../config/types.js';

/** A crosswalk problem, named by row (1 = header) and field. */
export class CrosswalkError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${file}: row ${row}: ${field}: ${expected}`);
    this.name = 'CrosswalkError';
  }
}

/** One link: a unit of the later version drawn (wholly or in part) from a unit of the earlier one. */
export interface CrosswalkLink {
  /** The later unit (e.g. a 2025 commune) and the earlier one (e.g. a 2024 district). */
  to: GeoUnit;
  from: GeoUnit;
  /** whole: the later unit lies in this earlier unit only; partial: it spans several. */
  share: 'whole' | 'partial';
  /** The legal source as written, and its article and item when it names them. */
  source: string;
  legal: { act: string; article: number | null; item: number | null };
  row: number;
}

/** The links between two geography versions, both ways. */
export interface Crosswalk {
  from: string;
  to: string;
  links: CrosswalkLink[];
  /** What a later unit came from (e.g. the 2024 districts of a 2025 commune). */
  predecessors(unitId: string): CrosswalkLink[];
  /** What an earlier unit became (e.g. the 2025 units drawn from a 2024 district). */
  successors(unitId: string): CrosswalkLink[];
}

const COLUMNS = ['unit_2025_id', 'unit_2025_code', 'district_2024_code', 'province_2024_code', 'share', 'source'] as const;

function legalOf(source: string): CrosswalkLink['legal'] {
  const m = /^(.*?)\s+Art\.\s*(\d+)(?:\s+item\s+(\d+))?/i.exec(source);
  if (!m) return { act: source.split(';')[0]!.trim(), article: null, item: null };
  return { act: m[1]!.trim(), article: Number(m[2]), item: m[3] ? Number(m[3]) : null };
}

/**
 * Parse and check a crosswalk CSV between version `older` and `newer`: every code exists in its
 * version, the share is whole or partial, a source is given, and every unit of `newer` that
 * reports has at least one predecessor. Throws CrosswalkError naming the row and field.
 */
export function parseCrosswalk(text: string, file: string, older: GeographyVersion, newer: GeographyVersion): Crosswalk {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (err) {
    throw new CrosswalkError(file, 1, '(file)', `expected CSV with a header row (${(err as Error).message})`);
  }
  const header = rows[0] ? Object.keys(rows[0]) : [];
  for (const c of COLUMNS) if (!header.includes(c)) throw new CrosswalkError(file, 1, c, `expected a column "${c}"`);
  const newById = new Map(newer.units.map((u) => [u.id, u]));
  const oldByCode = new Map(older.units.filter((u) => u.code).map((u) => [u.code!, u]));
  const seen = new Set<string>();
  const links = rows.map((r, i): CrosswalkLink => {
    const row = i + 2;
    const to = newById.get(r.unit_2025_id!);
    if (!to) throw new CrosswalkError(file, row, 'unit_2025_id', `expected a unit of geography "${newer.id}", got "${r.unit_2025_id}"`);
    if (to.code !== r.unit_2025_code) throw new CrosswalkError(file, row, 'unit_2025_code', `expected ${to.id}'s code "${to.code}", got "${r.unit_2025_code}"`);
    const from = oldByCode.get(r.district_2024_code!);
    if (!from)
      throw new CrosswalkError(file, row, 'district_2024_code', `expected the code of a unit of geography "${older.id}", got "${r.district_2024_code}"`);
    if (from.province && from.province !== r.province_2024_code) {
      throw new CrosswalkError(file, row, 'province_2024_code', `expected "${from.province}" (${from.name.vi}'s province), got "${r.province_2024_code}"`);
    }
    if (r.share !== 'whole' && r.share !== 'partial') throw new CrosswalkError(file, row, 'share', `expected "whole" or "partial", got "${r.share}"`);
    if (!r.source) throw new CrosswalkError(file, row, 'source', 'expected the legal source (article and item)');
    const key = `${to.id}|${from.id}`;
    if (seen.has(key)) throw new CrosswalkError(file, row, 'district_2024_code', `expected one row per link; ${to.id} ← ${from.id} appears twice`);
    seen.add(key);
    return { to, from, share: r.share, source: r.source, legal: legalOf(r.source), row };
  });
  const orphan = newer.units.find((u) => !links.some((l) => l.to.id === u.id));
  if (orphan)
    throw new CrosswalkError(
      file,
      rows.length + 1,
      'unit_2025_id',
      `expected at least one predecessor for every unit of "${newer.id}"; ${orphan.id} (${orphan.name.vi}) has none`,
    );
  return {
    from: older.id,
    to: newer.id,
    links,
    predecessors: (id) => links.filter((l) => l.to.id === id),
    successors: (id) => links.filter((l) => l.from.id === id),
  };
}

/** Read and check each crosswalk the province file names, from `geoDir` (IOC_GEO_DIR). */
export function loadCrosswalks(geoDir: string, geo: Geography): Crosswalk[] {
  return geo.crosswalks.map((c) => {
    const file = isAbsolute(c.file) ? c.file : resolve(geoDir, c.file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CrosswalkError(
        file,
        0,
        '(file)',
        `cannot read the crosswalk (${(err as NodeJS.ErrnoException).code ?? 'error'}); set IOC_GEO_DIR to the folder that holds it`,
      );
    }
    const byId = (id: string) => geo.versions.find((v) => v.id === id)!;
    return parseCrosswalk(text, file, byId(c.from), byId(c.to));
  });
}
