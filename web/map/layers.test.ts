import { _compareProps as compareProps, type Layer } from '@deck.gl/core';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Boundaries, BoundaryProps, Level } from '../../server/protocol/index.js';
import { LEVEL_STYLE, NOT_REPORTING_STYLE } from '../lib/levels.js';
import type { PlacedLabel } from './labels.js';
import { bounds, buildLayers, FILL_FADE, splitInset, type LayerInput } from './layers.js';

type UnitFeature = Feature<Polygon | MultiPolygon, BoundaryProps>;

const square = (id: string, x: number): UnitFeature => ({
  type: 'Feature',
  properties: { id, label: [x + 0.5, 0.5] },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 1],
        [x, 0],
      ],
    ],
  },
});
const boundaries: Boundaries = { type: 'FeatureCollection', features: [square('tam-ky', 0), square('hoi-an', 1), square('que-son', 2)] };
const [tamKy, hoiAn, queSon] = boundaries.features as [UnitFeature, UnitFeature, UnitFeature];

const input = (o: Partial<LayerInput> = {}): LayerInput => ({
  boundaries,
  levels: new Map<string, Level>([
    ['tam-ky', 'on_track'],
    ['hoi-an', 'off_track'],
  ]),
  names: new Map([
    ['tam-ky', 'Tam Kỳ'],
    ['hoi-an', 'Hội An'],
    ['que-son', 'Quế Sơn'],
  ]),
  pulsing: new Set(),
  phase: 0,
  labelPx: 24,
  stale: false,
  fontFamily: 'sans-serif',
  ...o,
});

const placedAt = (id: string, text: string, dx: number): Map<string, PlacedLabel> =>
  new Map([[id, { id, text, dx, dy: -10, leader: dx !== 0, boxes: [], line: null }]]);
const byId = (layers: Layer[]) => new Map(layers.map((l) => [l.id, l]));
const layer = (layers: Layer[], id: string): Layer => byId(layers).get(id)!;
// An accessor of a built layer, called as deck.gl calls it: once per feature.
const accessor = <T>(l: Layer, name: string) => (l.props as unknown as Record<string, (f: UnitFeature) => T>)[name]!;
const hatchedIds = (layers: Layer[]) => (layer(layers, 'unit-nodata-hatch').props.data as Boundaries).features.map((f) => f.properties.id);
const triggers = (l: Layer) => (l.props as unknown as { updateTriggers: Record<string, unknown> }).updateTriggers;

/** The accessors deck.gl would recompute going from `prev` to `next`, by its own comparison. */
function recomputed(next: Layer, prev: Layer): string[] {
  const [n, p] = [triggers(next), triggers(prev)];
  return Object.keys(n).filter((name) => compareProps({ newProps: n[name] ?? {}, oldProps: p[name] ?? {}, triggerName: name }) !== false);
}

describe('buildLayers (pure: state → deck.gl layers)', () => {
  it('builds the same layers with the same ids, in drawing order, whatever the state', () => {
    const ids = ['unit-fill', 'unit-nodata-hatch', 'unit-pulse', 'unit-icons', 'unit-names'];
    expect(buildLayers(input()).map((l) => l.id)).toEqual(ids);
    expect(buildLayers(input({ stale: true, pulsing: new Set(['hoi-an']), phase: 0.5, levels: new Map() })).map((l) => l.id)).toEqual(ids);
  });

  it('colours each unit by its level, a unit without a level as no data, and dims them all when stale', () => {
    const fill = accessor<number[]>(layer(buildLayers(input()), 'unit-fill'), 'getFillColor');
    expect(fill(tamKy)).toEqual([...LEVEL_STYLE.on_track.rgb, 235]);
    expect(fill(hoiAn)).toEqual([...LEVEL_STYLE.off_track.rgb, 235]);
    expect(fill(queSon)).toEqual([...LEVEL_STYLE.no_data.rgb, 235]);
    const dim = accessor<number[]>(layer(buildLayers(input({ stale: true })), 'unit-fill'), 'getFillColor');
    expect(dim(hoiAn)).toEqual([...LEVEL_STYLE.off_track.rgb, 110]);
  });

  it('hatches no data only, and puts every level icon on its unit', () => {
    const layers = buildLayers(input());
    expect(hatchedIds(layers)).toEqual(['que-son']);
    expect(layer(layers, 'unit-nodata-hatch').props.visible).toBe(true);
    // Every unit has data: the hatch layer draws nothing.
    const all = buildLayers(input({ levels: new Map<string, Level>([...input().levels, ['que-son', 'on_track']]) }));
    expect(hatchedIds(all)).toEqual([]);
    expect(layer(all, 'unit-nodata-hatch').props.visible).toBe(false);
    const icon = accessor<string>(layer(layers, 'unit-icons'), 'getText');
    expect([tamKy, hoiAn, queSon].map(icon)).toEqual([LEVEL_STYLE.on_track.icon, LEVEL_STYLE.off_track.icon, LEVEL_STYLE.no_data.icon]);
    // The icons' glyphs are all in the atlas from the start: a level change never needs a new one.
    const charset = (layer(layers, 'unit-icons').props as unknown as { characterSet: string }).characterSet;
    for (const s of Object.values(LEVEL_STYLE)) expect(charset).toContain(s.icon);
  });

  it('keeps the same data on every build, so a new state never rebuilds the geometry', () => {
    const a = byId(buildLayers(input()));
    const b = byId(
      buildLayers(
        input({
          levels: new Map<string, Level>([...input().levels, ['tam-ky', 'overdue']]),
          names: new Map(),
          stale: true,
          pulsing: new Set(['tam-ky']),
          phase: 1,
        }),
      ),
    );
    for (const [id, l] of a) expect(b.get(id)!.props.data, id).toBe(l.props.data);
    // The hatch holds the units without data: new data only when that set changes.
    const c = byId(buildLayers(input({ levels: new Map([['que-son', 'overdue']]) })));
    expect(c.get('unit-nodata-hatch')!.props.data).not.toBe(a.get('unit-nodata-hatch')!.props.data);
    for (const id of ['unit-fill', 'unit-pulse', 'unit-icons', 'unit-names']) expect(c.get(id)!.props.data, id).toBe(a.get(id)!.props.data);
    expect(a.get('unit-fill')!.props.data).toBe(boundaries);
    expect(a.get('unit-names')!.props.data).toBe(boundaries.features);
  });

  it('recomputes only the accessors whose inputs changed', () => {
    const before = byId(buildLayers(input()));
    // The same state in new objects (a new snapshot with nothing changed): nothing recomputed.
    const same = byId(buildLayers(input({ levels: new Map(input().levels), names: new Map(input().names) })));
    for (const [id, l] of same) expect(recomputed(l, before.get(id)!), id).toEqual([]);
    // One level changes: the colours, the hatch and the icons; not the names.
    const worse = byId(buildLayers(input({ levels: new Map<string, Level>([...input().levels, ['que-son', 'overdue']]) })));
    expect(recomputed(worse.get('unit-fill')!, before.get('unit-fill')!)).toEqual(['getFillColor']);
    expect(recomputed(worse.get('unit-nodata-hatch')!, before.get('unit-nodata-hatch')!)).toEqual([]);
    expect(hatchedIds([worse.get('unit-nodata-hatch')!])).toEqual([]);
    expect(recomputed(worse.get('unit-icons')!, before.get('unit-icons')!)).toEqual(['getText']);
    expect(recomputed(worse.get('unit-names')!, before.get('unit-names')!)).toEqual([]);
    // The language changes: the names only.
    const english = byId(buildLayers(input({ names: new Map([['tam-ky', 'Tam Ky']]) })));
    expect(recomputed(english.get('unit-names')!, before.get('unit-names')!)).toEqual(['getText']);
    expect(recomputed(english.get('unit-fill')!, before.get('unit-fill')!)).toEqual([]);
  });

  it('animates a pulse on the pulsing units only, and hides the pulse layer when none pulses', () => {
    expect(layer(buildLayers(input()), 'unit-pulse').props.visible).toBe(false);
    const on = layer(buildLayers(input({ pulsing: new Set(['hoi-an']), phase: 1 })), 'unit-pulse');
    expect(on.props.visible).toBe(true);
    const line = accessor<number[]>(on, 'getLineColor');
    expect(line(hoiAn)[3]).toBe(255);
    expect(line(tamKy)[3]).toBe(0);
    const later = layer(buildLayers(input({ pulsing: new Set(['hoi-an']), phase: 0.5 })), 'unit-pulse');
    expect(recomputed(later, on).sort()).toEqual(['getLineColor', 'getLineWidth']);
  });

  it('picks units on the fill layer only, whose objects carry the unit id', () => {
    const layers = buildLayers(input());
    expect(layers.filter((l) => l.props.pickable).map((l) => l.id)).toEqual(['unit-fill']);
    expect((layer(layers, 'unit-fill').props.data as Boundaries).features.map((f) => f.properties.id)).toEqual(['tam-ky', 'hoi-an', 'que-son']);
  });

  it('labels every unit with its name, falling back to its id', () => {
    const text = accessor<string>(layer(buildLayers(input({ names: new Map([['tam-ky', 'Tam Kỳ']]) })), 'unit-names'), 'getText');
    expect(text(tamKy)).toBe('Tam Kỳ');
    expect(text(queSon)).toBe('que-son');
  });

  it('draws a unit that reports nothing neutral: no risk colour, no hatch, its own icon', () => {
    const layers = buildLayers(input({ notReporting: new Set(['que-son']) }));
    expect(accessor<number[]>(layer(layers, 'unit-fill'), 'getFillColor')(queSon)).toEqual([...NOT_REPORTING_STYLE.rgb, 235]);
    expect(hatchedIds(layers)).toEqual([]);
    expect(accessor<string>(layer(layers, 'unit-icons'), 'getText')(queSon)).toBe(NOT_REPORTING_STYLE.icon);
  });

  it('names only the units that fit; the others keep a smaller icon at their label point', () => {
    const layers = buildLayers(input({ placed: placedAt('tam-ky', 'Tam Kỳ', 0) }));
    const text = accessor<string>(layer(layers, 'unit-names'), 'getText');
    expect([tamKy, hoiAn].map(text)).toEqual(['Tam Kỳ', '']);
    const offset = accessor<number[]>(layer(layers, 'unit-icons'), 'getPixelOffset');
    expect(offset(hoiAn)).toEqual([0, 0]);
    expect(offset(tamKy)[1]).toBeGreaterThan(0);
    // Another placement recomputes the names and icon positions, never the colours.
    const moved = byId(buildLayers(input({ placed: placedAt('hoi-an', 'H. An', 40) })));
    const before = byId(layers);
    expect(recomputed(moved.get('unit-names')!, before.get('unit-names')!)).toEqual(['getText', 'getPixelOffset']);
    // An abbreviation or a leader-line offset is drawn as placed.
    expect(accessor<string>(moved.get('unit-names')!, 'getText')(hoiAn)).toBe('H. An');
    expect(accessor<number[]>(moved.get('unit-names')!, 'getPixelOffset')(hoiAn)).toEqual([40, -10]);
    expect(recomputed(moved.get('unit-fill')!, before.get('unit-fill')!)).toEqual([]);
  });

  it('keeps inset units (Hoàng Sa) off the main map and out of its bounds', () => {
    const far: UnitFeature = { ...square('hoang-sa', 10), properties: { id: 'hoang-sa', label: [10.5, 0.5], inset: true } };
    const { main, inset } = splitInset({ ...boundaries, features: [...boundaries.features, far] });
    expect(main.features.map((f) => f.properties.id)).toEqual(['tam-ky', 'hoi-an', 'que-son']);
    expect(inset.features.map((f) => f.properties.id)).toEqual(['hoang-sa']);
    expect(bounds(main)).toEqual([0, 0, 3, 1]);
    // Without inset units the same object comes back: the layers' data stays the same.
    expect(splitInset(boundaries).main).toBe(boundaries);
  });

  it('bounds the boundaries', () => {
    expect(bounds(boundaries)).toEqual([0, 0, 3, 1]);
  });
});

describe('FILL_FADE', () => {
  it("shows a new level on the transition's first frame (t = 0: 40 % of the way) and ends on it", () => {
    expect(FILL_FADE.easing(0)).toBe(0.4);
    expect(FILL_FADE.easing(1)).toBe(1);
    expect(FILL_FADE.easing(0.5)).toBeLessThan(FILL_FADE.easing(0.6));
  });

  it('fades only where asked (touch, once painted): the wall and the first paint change on the next frame', () => {
    const transitions = (fade?: boolean) => (layer(buildLayers(input({ fade })), 'unit-fill').props as unknown as { transitions?: unknown }).transitions;
    expect(transitions(true)).toEqual({ getFillColor: FILL_FADE });
    expect(transitions(false)).toBeFalsy();
    expect(transitions()).toBeFalsy();
  });
});
