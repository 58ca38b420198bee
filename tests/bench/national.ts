import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Point } from '../../server/risk/trend.js';
import { mulberry32 } from '../helpers/random.js';

/** The seeded PRNG: the same seed gives the same country. */
export const prng = mulberry32;

export interface NationalSize {
  units: number;
  indicators: number;
  months: number;
  seed: number;
}

/** The national scale: 3,321 communes × 10 indicators × 36 monthly readings. */
export const NATIONAL: NationalSize = { units: 3321, indicators: 10, months: 36, seed: 6 };

/** The data clock of the synthetic country: mid-June 2025, Asia/Ho_Chi_Minh. */
export const NATIONAL_NOW = Date.parse('2025-06-16T09:00:00+07:00');
const MONTH = 30.4375 * 86_400_000;

export interface SyntheticCountry {
  /** The province file (indicators inline); boot it with geoDir = dir. */
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

/**
 * Write a synthetic country into `dir`: a province file with `size.units` communes and
 * `size.indicators` indicators, and a GeoJSON grid of one quadrilateral per commune over
 * Vietnam's bounding box; generate 36 monthly readings per unit × indicator from the seed,
 * each series a noisy line whose pace spreads the units over every risk level.
 */
export function writeCountry(dir: string, size: NationalSize = NATIONAL): SyntheticCountry {
  mkdirSync(dir, { recursive: true });
  const rnd = prng(size.seed);
  const unitIds = Array.from({ length: size.units }, (_, i) => `xa-${pad(i + 1, 5)}`);
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
    province: { id: 'ca-nuoc-tong-hop', code: '00', name: { vi: 'Cả nước (tổng hợp)', en: 'Whole country (synthetic)' } },
    timezone: 'Asia/Ho_Chi_Minh',
    boundaries: { file: 'communes.geojson', idProperty: 'id', attribution: { vi: 'Lưới tổng hợp', en: 'Synthetic grid' } },
    units: unitIds.map((id, i) => ({ id, code: pad(i + 1, 5), name: { vi: `Xã Tổng Hợp ${i + 1}`, en: `Synthetic Commune ${i + 1}` }, type: 'commune' })),
    departments: [],
    indicators: { indicators },
    reporting: { period: 'monthly', dueDay: 15, rule: { vi: 'Trước ngày 15 hằng tháng', en: 'Before the 15th of each month' } },
  };
  const configFile = join(dir, 'province.json');
  writeFileSync(configFile, JSON.stringify(province));

  // A grid over Vietnam's bounding box (102.1–109.5 E, 8.4–23.4 N): cols × rows ≥ units.
  const [w, s, e, n] = [102.1, 8.4, 109.5, 23.4];
  const cols = Math.ceil(Math.sqrt((size.units * (e - w)) / (n - s)));
  const rows = Math.ceil(size.units / cols);
  const dx = (e - w) / cols;
  const dy = (n - s) / rows;
  const features = unitIds.map((id, i) => {
    const x = w + (i % cols) * dx;
    const y = n - Math.floor(i / cols) * dy;
    // A slightly irregular quadrilateral, so that shapes are not all identical.
    const j = () => (rnd() - 0.5) * 0.1;
    const ring = [
      [x + dx * j(), y + dy * j()],
      [x + dx * (1 + j()), y + dy * j()],
      [x + dx * (1 + j()), y - dy * (1 + j())],
      [x + dx * j(), y - dy * (1 + j())],
    ].map(([a, b]) => [Math.round(a! * 1e5) / 1e5, Math.round(b! * 1e5) / 1e5]);
    ring.push(ring[0]!);
    return { type: 'Feature', properties: { id }, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
  writeFileSync(join(dir, 'communes.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));

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
