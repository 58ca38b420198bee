import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Properties of a boundary feature served by GET /api/geo: the unit id and its label point. */
export interface BoundaryProps {
  id: string;
  label: [number, number];
  /** Drawn in its own inset box at a fixed place (e.g. Hoàng Sa), never by zooming the main map out. */
  inset?: boolean;
}

/** GET /api/geo: the configured area units' polygons (WGS84). */
export type Boundaries = FeatureCollection<Polygon | MultiPolygon, BoundaryProps>;
