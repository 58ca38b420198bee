import { LEVELS } from '../protocol/levels.js';
import { applyPatch } from '../protocol/patch.js';
import type { Delta, IndicatorState, KindCounts, Reason, Snapshot, UnitPatch, UnitState } from '../protocol/state.js';
import {
  DELTA_WIRE,
  INDICATOR_KEYS,
  REASON_KEYS,
  UNIT_KEYS,
  reasonBase,
  type WireDelta,
  type WireIndicator,
  type WireReason,
  type WireUnit,
} from '../protocol/wire.js';
import { same } from '../state/diff.js';

type Loose = Record<string, unknown>;

/** The fields of `next` that differ from `base`, with short keys (null: an optional field gone). */
function reasonPatch(next: Reason, base: Reason): WireReason | undefined {
  const out: Loose = {};
  const [n, b] = [next as unknown as Loose, base as unknown as Loose];
  let any = false;
  const set = (k: string, v: unknown) => {
    out[k] = v;
    any = true;
  };
  for (const [long, short, optional] of REASON_KEYS) {
    if (optional && n[long] === undefined) {
      if (b[long] !== undefined) set(short, null);
    } else if (!same(n[long], b[long])) set(short, n[long]);
  }
  return any ? (out as WireReason) : undefined;
}

/** An indicator against the client's copy (`prev`, at `index`), or whole (`prev` undefined). */
function encodeIndicator(next: IndicatorState, prev: IndicatorState | undefined, index: number): WireIndicator {
  const out: Loose = { i: prev ? index : next.id };
  const [n, p] = [next as unknown as Loose, prev as unknown as Loose | undefined];
  for (const [long, short] of INDICATOR_KEYS) if (!p || !same(n[long], p[long])) out[short] = n[long];
  const r = reasonPatch(next.reason, reasonBase(prev?.reason, next));
  if (r) out.r = r;
  return out as unknown as WireIndicator;
}

/** A unit patch against the client's copy of the unit (`prev`), or whole when the client may not hold it. */
function encodeUnit(patch: UnitPatch, prev: UnitState | undefined): WireUnit {
  const out: Loose = { i: patch.id };
  const p = patch as unknown as Loose;
  // Relative only when every patched indicator is in the client's copy (then by index).
  const at = patch.indicators?.map((i) => prev?.indicators.findIndex((x) => x.id === i.id) ?? -1) ?? [];
  const base = prev && at.every((k) => k >= 0) ? prev : undefined;
  if (!base) out.f = 1;
  for (const [long, short] of UNIT_KEYS) if (p[long] !== undefined) out[short] = p[long];
  if (patch.indicators) out.n = patch.indicators.map((i, k) => encodeIndicator(i, base?.indicators[at[k]!], at[k]!));
  if (patch.reason) {
    // Usually the reason of one of its indicators, as that indicator now is: sent as its index.
    const list = base ? base.indicators.map((i) => patch.indicators?.find((x) => x.id === i.id) ?? i) : (patch.indicators ?? []);
    const k = list.findIndex((i) => same(i.reason, patch.reason));
    out.e = k >= 0 ? k : (reasonPatch(patch.reason, base?.reason ?? ({} as Reason)) ?? {});
  }
  return out as unknown as WireUnit;
}

const counts = (c: KindCounts): [number[], number[]] => [LEVELS.map((l) => c.area[l]), LEVELS.map((l) => c.department[l])];

/**
 * Encodes each delta once for every client of the wire format, against the state they hold:
 * its own copy of the units, kept by applying the deltas it encodes. A delta that does not
 * follow its copy (a cluster node restored from a snapshot) goes whole, and the copy restarts.
 */
export class WireEncoder {
  #units = new Map<string, UnitState>();
  #seq = -1;
  #asOf = '';

  constructor(readonly current: () => Snapshot) {
    this.#restart(current());
  }

  #restart(s: Snapshot): void {
    this.#units = new Map(s.units.map((u) => [u.id, u]));
    this.#seq = s.seq;
    this.#asOf = s.asOf;
  }

  /** The next delta on the wire; call it with every delta in order. */
  encode(delta: Delta): WireDelta {
    const follows = delta.seq === this.#seq + 1;
    const w = encodeDelta(delta, follows && !delta.geography ? { units: this.#units, asOf: this.#asOf } : null);
    // The live state is already at this delta: a copy that restarts takes it.
    if (!follows || delta.geography) this.#restart(this.current());
    else {
      for (const p of delta.units) {
        const u = this.#units.get(p.id);
        if (u) this.#units.set(p.id, applyPatch(u, p));
      }
      this.#seq = delta.seq;
      this.#asOf = delta.asOf;
    }
    return w;
  }
}

/**
 * One delta on the wire, against the client's copy (`held`: the units and asOf at `seq - 1`), or
 * self-contained when null (catching up: each unit whole, asOf always).
 */
export function encodeDelta(delta: Delta, held: { units: ReadonlyMap<string, UnitState>; asOf: string } | null): WireDelta {
  const head = { v: DELTA_WIRE, seq: delta.seq, g: Date.parse(delta.generatedAt) } as const;
  if (delta.geography) return { ...head, units: [], whole: delta };
  return {
    ...head,
    ...(held?.asOf !== delta.asOf && { a: delta.asOf }),
    units: delta.units.map((p) => encodeUnit(p, held?.units.get(p.id))),
    ...(delta.counts && { c: counts(delta.counts) }),
    ...(delta.indicators && { indicators: delta.indicators }),
    ...(delta.changes && { changes: delta.changes }),
    ...(delta.data !== undefined && { d: delta.data }),
  };
}
