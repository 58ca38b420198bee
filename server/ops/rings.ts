/** Ring shape checks that geo/check.ts leaves out: a ring that crosses or touches itself. */
import type { Position } from 'geojson';

export interface RingFlaw {
  kind: 'crosses' | 'touches';
  /** Where, as [longitude, latitude]. */
  at: [number, number];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function cross(a: Position, b: Position, c: Position, d: Position): [number, number] | null {
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const [cx, cy] = c as [number, number];
  const [dx, dy] = d as [number, number];
  const den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
  if (den === 0) return null; // parallel: a shared vertex is found as a touch instead
  const t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
  const u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den;
  // Strictly inside both segments: meeting at a vertex is a touch, not a crossing.
  return t > 1e-12 && t < 1 - 1e-12 && u > 1e-12 && u < 1 - 1e-12 ? [ax + t * (bx - ax), ay + t * (by - ay)] : null;
}

/**
 * The first place where a closed ring touches itself (a vertex visited twice) or crosses itself
 * (two edges intersect, as in a bowtie); null for a simple ring. Edges are sorted by their
 * western end so that only edges whose longitudes overlap are compared.
 */
export function ringFlaw(ring: readonly Position[]): RingFlaw | null {
  const n = ring.length - 1; // the last position repeats the first
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const k = `${ring[i]![0]},${ring[i]![1]}`;
    if (seen.has(k)) return { kind: 'touches', at: [round(ring[i]![0]!), round(ring[i]![1]!)] };
    seen.add(k);
  }
  const edges = Array.from({ length: n }, (_, i) => i).sort((a, b) => Math.min(ring[a]![0]!, ring[a + 1]![0]!) - Math.min(ring[b]![0]!, ring[b + 1]![0]!));
  for (let x = 0; x < edges.length; x++) {
    const i = edges[x]!;
    const east = Math.max(ring[i]![0]!, ring[i + 1]![0]!);
    for (let y = x + 1; y < edges.length; y++) {
      const j = edges[y]!;
      if (Math.min(ring[j]![0]!, ring[j + 1]![0]!) > east) break;
      if (Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1) continue; // neighbours share a vertex
      const p = cross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!);
      if (p) return { kind: 'crosses', at: [round(p[0]), round(p[1])] };
    }
  }
  return null;
}
