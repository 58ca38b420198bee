import { PNG } from 'pngjs';

export type Ring = number[][];
export type Polygonal = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** Planar point-in-polygon (even-odd over all rings), enough for sampling inside a district. */
export function inside(g: Polygonal, [x, y]: [number, number]): boolean {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  let c = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
    }
  }
  return c;
}

export function bbox(g: Polygonal): [number, number, number, number] {
  const pts = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat() as [number, number][];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export interface Image {
  width: number;
  height: number;
  at(x: number, y: number): [number, number, number];
}

export function decode(png: Buffer): Image {
  const img = PNG.sync.read(png);
  return {
    width: img.width,
    height: img.height,
    at(x, y) {
      const i = (Math.round(y) * img.width + Math.round(x)) * 4;
      return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
    },
  };
}

/** The colour a fill of `rgb` at `alpha` shows over the map background. */
export function over(rgb: readonly number[], alpha: number, bg: readonly number[] = [10, 20, 36]): [number, number, number] {
  return [0, 1, 2].map((k) => Math.round(rgb[k]! * alpha + bg[k]! * (1 - alpha))) as [number, number, number];
}

export const near = (a: readonly number[], b: readonly number[], tol = 14) => a.every((v, k) => Math.abs(v - b[k]!) <= tol);
