import type { Layer } from '@deck.gl/core';
import { FillStyleExtension } from '@deck.gl/extensions';
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { BoundaryProps, Boundaries, Level } from '../../server/protocol/index.js';
import { LEVEL_STYLE, NOT_REPORTING_STYLE, type Rgb } from '../lib/levels.js';
import type { PlacedLabel } from './labels.js';

type UnitFeature = Feature<Geometry, BoundaryProps>;

export interface LayerInput {
  boundaries: Boundaries;
  /** Unit id → the level to paint (the unit's, or one indicator's); absent ids are no data. */
  levels: ReadonlyMap<string, Level>;
  /** Unit id → label text. */
  names: ReadonlyMap<string, string>;
  /** Units with no readings expected: neutral, never hatched or coloured by risk. */
  notReporting?: ReadonlySet<string>;
  /** The labels placed on screen (see labels.ts: text, offset); null: every unit's name on it. Others keep their icon only. */
  placed?: ReadonlyMap<string, PlacedLabel> | null;
  /** Units whose outline pulses, and the pulse's phase now (0..1). */
  pulsing: ReadonlySet<string>;
  phase: number;
  /** Label size in CSS pixels (scaled with the screen). */
  labelPx: number;
  /** Dim everything when the data may be stale. */
  stale: boolean;
  fontFamily: string;
  /** The fill fades to a new level (touch, once painted); otherwise it changes on the next frame (the wall, the first paint). */
  fade?: boolean;
}

const hatch = new FillStyleExtension({ pattern: true, proceduralPattern: true });
const OUTLINE: [number, number, number] = [10, 20, 36];

const HATCH_MAPPING = { hatch: { type: 'hatch', angle: 45, strokeWidth: 2, gap: 6 } };

/** Each boundaries' units without data, the same object while the same units have none: their geometry is built again only when that set changes. */
const hatchedCache = new WeakMap<Boundaries, { key: string; data: Boundaries }>();
function hatched(b: Boundaries, isNoData: (f: UnitFeature) => boolean): Boundaries {
  const features = b.features.filter(isNoData);
  const key = features.map((f) => f.properties.id).join(',');
  const hit = hatchedCache.get(b);
  if (hit?.key === key) return hit.data;
  const data: Boundaries = { ...b, features };
  hatchedCache.set(b, { key, data });
  return data;
}

const levelOf = (levels: LayerInput['levels'], id: string): Level => levels.get(id) ?? 'no_data';
const keyOf = (s: ReadonlySet<string> | null | undefined): string => (s ? [...s].sort().join(',') : '*');

/**
 * The fill's fade to a new level where it fades (touch): 600 ms, but the transition's first
 * frame (deck draws it at t = 0) already goes 40 % of the way, so that a change shows on the
 * next frame and still eases in; a linear fade drew that frame unchanged.
 */
export const FILL_FADE = { duration: 600, easing: (t: number) => 0.4 + 0.6 * Math.min(1, Math.max(0, t)) };

/**
 * The map's deck.gl layers from the state (pure). Ids are stable so deck.gl diffs instead
 * of rebuilding; accessors change only through `updateTriggers`.
 */
export function buildLayers(input: LayerInput): Layer[] {
  const { boundaries, levels, names, pulsing, phase, labelPx, stale, fontFamily } = input;
  const quiet = input.notReporting ?? new Set<string>();
  const placed = input.placed ?? null;
  const style = (f: UnitFeature): { rgb: Rgb; icon: string } =>
    quiet.has(f.properties.id) ? NOT_REPORTING_STYLE : LEVEL_STYLE[levelOf(levels, f.properties.id)];
  const hasName = (f: UnitFeature) => !placed || placed.has(f.properties.id);
  const nameOf = (f: UnitFeature) => names.get(f.properties.id) ?? f.properties.id;
  // Every layer keeps the same `data` (the boundaries): a change of level, name or pulse only
  // recomputes the attribute behind its trigger, never the geometry.
  const levelsKey = boundaries.features.map((f) => levelOf(levels, f.properties.id)).join(',') + '/' + keyOf(quiet);
  const labelKey = placed ? [...placed.values()].map((p) => `${p.id}:${p.text}:${Math.round(p.dx)},${Math.round(p.dy)}`).join('|') : '*';
  const namesKey = boundaries.features.map((f) => names.get(f.properties.id)).join('|');
  const pulseKey = [...pulsing].sort().join(',');
  const alpha = stale ? 110 : 235;
  const isNoData = (f: UnitFeature) => levelOf(levels, f.properties.id) === 'no_data' && !quiet.has(f.properties.id);

  const fill = new GeoJsonLayer<BoundaryProps>({
    id: 'unit-fill',
    data: boundaries,
    filled: true,
    stroked: true,
    getFillColor: (f: UnitFeature) => [...style(f).rgb, alpha],
    getLineColor: [...OUTLINE, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: Math.max(1.5, labelPx / 12),
    pickable: true,
    updateTriggers: { getFillColor: [levelsKey, alpha], getLineWidth: labelPx },
    // A wall seen from across the room needs no fade, and every frame costs there (software GL): the new colour is drawn at once.
    ...(input.fade && { transitions: { getFillColor: FILL_FADE } }),
  });

  // No data is grey *and* hatched, so it can never be mistaken for a level colour; only those units are drawn (software GL pays for every polygon, transparent or not).
  const noData = hatched(boundaries, isNoData);
  const nodata = new GeoJsonLayer<BoundaryProps>({
    id: 'unit-nodata-hatch',
    data: noData,
    filled: true,
    stroked: false,
    visible: noData.features.length > 0,
    getFillColor: [205, 212, 224, stale ? 120 : 200],
    extensions: [hatch],
    fillPatternMapping: HATCH_MAPPING,
    fillPatternSizeUnits: 'pixels',
    getFillPattern: () => 'hatch',
    getFillPatternScale: Math.max(1, labelPx / 16),
    updateTriggers: { getFillPatternScale: labelPx },
  } as ConstructorParameters<typeof GeoJsonLayer<BoundaryProps>>[0]);

  // Units that just got worse: a bright outline that breathes until its alert expires.
  const pulse = new GeoJsonLayer<BoundaryProps>({
    id: 'unit-pulse',
    data: boundaries,
    filled: false,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: Math.max(3, labelPx / 5) * (1 + phase),
    getLineColor: (f: UnitFeature) => (pulsing.has(f.properties.id) ? [255, 255, 255, Math.round(120 + 135 * phase)] : [0, 0, 0, 0]),
    visible: pulsing.size > 0,
    updateTriggers: { getLineWidth: [labelPx, phase], getLineColor: [pulseKey, phase] },
  });

  const common = {
    data: boundaries.features,
    getPosition: (f: UnitFeature) => f.properties.label,
    fontFamily,
    characterSet: 'auto' as const,
    fontSettings: { sdf: true, fontSize: 96, buffer: 8, radius: 12 },
    outlineWidth: 3,
    outlineColor: [8, 16, 30, 255] as [number, number, number, number],
    getColor: [255, 255, 255, stale ? 170 : 255] as [number, number, number, number],
    sizeUnits: 'pixels' as const,
    getTextAnchor: 'middle' as const,
    getAlignmentBaseline: 'center' as const,
  };
  const nameLayer = new TextLayer<UnitFeature>({
    ...common,
    id: 'unit-names',
    // The placed text (the name or its abbreviation), beside its unit when it has a leader line.
    getText: (f) => (placed ? (placed.get(f.properties.id)?.text ?? '') : nameOf(f)),
    getSize: labelPx,
    fontWeight: 600,
    getPixelOffset: (f) => {
      const p = placed?.get(f.properties.id);
      return p ? [p.dx, p.dy] : [0, -labelPx * 0.475];
    },
    updateTriggers: { getText: [namesKey, labelKey], getPixelOffset: [labelPx, labelKey], getColor: stale },
  });
  const icons = new TextLayer<UnitFeature>({
    ...common,
    id: 'unit-icons',
    // Every icon up front: a level change must not need a new glyph atlas.
    characterSet: [...Object.values(LEVEL_STYLE), NOT_REPORTING_STYLE].map((l) => l.icon).join(''),
    getText: (f) => style(f).icon,
    // An unnamed unit keeps a smaller icon at its label point: the level never rests on colour alone.
    getSize: (f) => labelPx * (hasName(f) ? 0.9 : 0.7),
    fontWeight: 700,
    getPixelOffset: (f) => [0, hasName(f) ? labelPx * 0.6 : 0],
    updateTriggers: { getText: levelsKey, getSize: [labelPx, labelKey], getPixelOffset: [labelPx, labelKey], getColor: stale },
  });
  // Names over icons: where a name had to cover a neighbour's icon, the name stays readable.
  return [fill, nodata, pulse, icons, nameLayer];
}

/** The features drawn on the main map, and those drawn in the inset box (Hoàng Sa): never zoomed out to. */
export function splitInset(b: Boundaries): { main: Boundaries; inset: Boundaries } {
  const inset = b.features.filter((f) => f.properties.inset === true);
  if (!inset.length) return { main: b, inset: { type: 'FeatureCollection', features: [] } };
  return { main: { ...b, features: b.features.filter((f) => f.properties.inset !== true) }, inset: { type: 'FeatureCollection', features: inset } };
}

/** [minLon, minLat, maxLon, maxLat] of the boundaries. */
export function bounds(b: Boundaries): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (ring: number[][]) => {
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
    }
  };
  for (const f of b.features) {
    if (f.geometry.type === 'Polygon') f.geometry.coordinates.forEach(visit);
    else f.geometry.coordinates.forEach((p) => p.forEach(visit));
  }
  return [x0, y0, x1, y1];
}
