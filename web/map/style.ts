import type { StyleSpecification } from 'maplibre-gl';

/** Offline style: a plain background, no tiles, no glyph or sprite requests. The units are the map. */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0a1424' } }],
};
