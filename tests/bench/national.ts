import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Point } from '../../server/risk/trend.js';
import { mulberry32 } from '../helpers/random.js';
import { SHARED_GEO } from '../helpers/server.js';

/** The seeded PRNG: the same seed gives the same country. */
export const prng = mulberry32;

/** A real boundary file of IOC_GEO_DIR (optionally one province of the national file): the units and their polygons. */
export interface BenchMap {
  /** What the results call it. */
  label: string;
  file: string;
  filter?: { property: string; equals: string };
}

/** The three real maps the web is measured on, side by side in one run (ids = each feature's `id`). */
export const MAPS: Record<'districts18' | 'communes94' | 'national', BenchMap> = {
  districts18: { label: 'Quảng Nam, 18 districts (2024)', file: 'quang-nam-districts.geojson' },
  communes94: { label: 'Đà Nẵng, 94 communes and wards (2025)', file: 'da-nang-communes-2025.geojson' },
  national: { label: 'Viet Nam, 3,321 communes (2025)', file: 'vn-communes-2025.geojson' },
};

export interface NationalSize {
  /** The national file when absent. */
  map?: BenchMap;
  /** Only the map's first so many units (their features written to the country's own folder). */
  units?: number;
  indicators: number;
  months: number;
  seed: number;
}

/** The issue's national scale: the 3,321 real communes × 10 indicators × 36 monthly readings. */
export const NATIONAL: NationalSize = { map: MAPS.national, indicators: 10, months: 36, seed: 6 };

/** The data clock of the synthetic country: mid-June 2025, Asia/Ho_Chi_Minh. */
export const NATIONAL_NOW = Date.parse('2025-06-16T09:00:00+07:00');
const MONTH = 30.4375 * 86_400_000;

export interface SyntheticCountry {
  /** The province file (indicators inline); boot it with geoDir = SHARED_GEO. */
  configFile: string;
  dir: string;
  unitIds: string[];
  indicatorIds: string[];
  /** unit → indicator → readings, oldest first (what a store would hold). */
  readings: Map<string, Map<string, Point[]>>;
  /** The same readings as rows, for a store or the HTTP API. */
  rows(): { unit: string; indicator: string; value: number; at: number }[];
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

interface FileUnit {
  id: string;
  name: string;
  name_en?: string;
  type?: string;
  code?: string;
  [k: string]: unknown;
}

type Features = { type: 'FeatureCollection'; features: { properties: FileUnit }[] };

/** The features of a real boundary file (after its filter). */
export function mapFeatures(map: BenchMap): Features['features'] {
  const file = join(SHARED_GEO, map.file);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Features;
  const features = data.features.filter((f) => !map.filter || f.properties[map.filter.property] === map.filter.equals);
  if (!features.length) throw new Error(`${file}: no feature${map.filter ? ` with ${map.filter.property} = ${map.filter.equals}` : ''}`);
  return features;
}

/**
 * Write a province file into `dir` whose units are the features of a real boundary file of
 * SHARED_GEO (no geometry copied: the file is named, with its filter) and `size.indicators`
 * synthetic indicators; generate 36 monthly readings per unit × indicator from the seed, each
 * series a noisy line whose pace spreads the units over every risk level.
 */
export function writeCountry(dir: string, size: NationalSize = NATIONAL): SyntheticCountry {
  mkdirSync(dir, { recursive: true });
  const rnd = prng(size.seed);
  const map = size.map ?? MAPS.national;
  let features = mapFeatures(map);
  let boundaries: { file: string; filter?: BenchMap['filter'] } = { file: map.file, ...(map.filter && { filter: map.filter }) };
  if (size.units !== undefined && size.units < features.length) {
    // A smaller country of real shapes: its own boundary file in the (temporary) folder.
    features = features.slice(0, size.units);
    boundaries = { file: join(dir, 'communes.geojson') };
    writeFileSync(boundaries.file, JSON.stringify({ type: 'FeatureCollection', features }));
  }
  const fileUnits = features.map((f) => f.properties);
  const unitIds = fileUnits.map((u) => u.id);
  const indicatorIds = Array.from({ length: size.indicators }, (_, i) => `chi-so-${pad(i + 1, 2)}`);

  const indicators = indicatorIds.map((id, i) => ({
    id,
    name: { vi: `Chỉ số tổng hợp ${i + 1}`, en: `Synthetic indicator ${i + 1}` },
    short: { vi: `Chỉ số ${i + 1}`, en: `Indicator ${i + 1}` },
    unit: 'percent',
    direction: i === 9 ? 'down' : 'up',
    min: 0,
    max: 100,
    target: i === 9 ? 10 : 80 + (i % 3) * 10,
    deadline: `2025-${pad(9 + (i % 4), 2)}-30`,
    weight: 1 + (i % 3),
    appliesTo: ['area'],
    source: { vi: 'Dữ liệu tổng hợp (benchmark)', en: 'Synthetic data (benchmark)' },
  }));
  const province = {
    province: { id: 'ban-do-thuc-so-lieu-tong-hop', code: '00', name: { vi: `${map.label} (số liệu tổng hợp)`, en: `${map.label} (synthetic data)` } },
    timezone: 'Asia/Ho_Chi_Minh',
    boundaries: {
      ...boundaries,
      idProperty: 'id',
      attribution: {
        vi: 'Ranh giới thật: xem SOURCE.md và SOURCE-2025.md trong IOC_GEO_DIR',
        en: 'Real boundaries: see SOURCE.md and SOURCE-2025.md in IOC_GEO_DIR',
      },
    },
    units: fileUnits.map((u) => ({ id: u.id, code: u.code ?? null, name: { vi: u.name, en: u.name_en ?? u.name }, type: u.type ?? 'commune' })),
    departments: [],
    indicators: { indicators },
    reporting: { period: 'monthly', dueDay: 15, rule: { vi: 'Trước ngày 15 hằng tháng', en: 'Before the 15th of each month' } },
  };
  const configFile = join(dir, 'province.json');
  writeFileSync(configFile, JSON.stringify(province));

  const readings = new Map<string, Map<string, Point[]>>();
  for (const u of unitIds) {
    const byInd = new Map<string, Point[]>();
    indicators.forEach((ind) => {
      const up = ind.direction === 'up';
      const start = up ? 10 + rnd() * 40 : 60 - rnd() * 30;
      // Pace per month towards the target, spread so that some units are ahead and some behind.
      const pace = (up ? 1 : -1) * (0.2 + rnd() * 2.2);
      const stopsEarly = rnd() < 0.03 ? 3 : 0; // a few feeds stopped: stale data
      const pts: Point[] = [];
      for (let m = size.months - 1; m >= stopsEarly; m--) {
        const t = Math.round(NATIONAL_NOW - (m + 0.5) * MONTH);
        const k = size.months - 1 - m;
        const v = Math.min(100, Math.max(0, start + pace * k + (rnd() - 0.5) * 3));
        pts.push({ t, v: Math.round(v * 100) / 100 });
      }
      byInd.set(ind.id, pts);
    });
    readings.set(u, byInd);
  }
  return {
    configFile,
    dir,
    unitIds,
    indicatorIds,
    readings,
    rows() {
      const out: { unit: string; indicator: string; value: number; at: number }[] = [];
      for (const [unit, byInd] of readings) for (const [indicator, pts] of byInd) for (const p of pts) out.push({ unit, indicator, value: p.v, at: p.t });
      return out;
    },
  };
}
