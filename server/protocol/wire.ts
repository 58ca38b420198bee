import { LEVELS, type Level } from './levels.js';
import type { ChangeGroup } from './changes.js';
import type { Delta, GeographyMeta, IndicatorMeta, IndicatorState, KindCounts, Reason, ReportState, Snapshot, UnitPatch, UnitState } from './state.js';
import type { UnitTask } from './tasks.js';

/**
 * The compact delta's version. A client asks for it with `auth.delta` in the handshake; clients
 * that do not ask get the plain `Delta` (version 1). A client checks `v` before decoding.
 */
export const DELTA_WIRE = 2;

/**
 * A reason as the fields that differ from a base the client rebuilds (short keys). For the
 * optional fields (`i`, `o`, `x`) null means "absent"; for the others null is the value.
 */
export interface WireReason {
  k?: Reason['kind'];
  i?: string | null;
  q?: number | null;
  a?: number | null;
  p?: number | null;
  t?: number | null;
  d?: string | null;
  s?: number | null;
  l?: string | null;
  o?: string | null;
  x?: Reason['task'] | null;
}

/**
 * An indicator's changed fields. `i`: its index in the client's copy of the unit (the rest are
 * the client's values), or its id when the unit comes in full (`f`). Its reason is rebuilt from
 * the previous reason with the indicator's own paces, projection, target, deadline, slack and
 * time, then `r` on top.
 */
export interface WireIndicator {
  i: number | string;
  v?: number | null;
  a?: string | null;
  t?: number;
  d?: string;
  l?: Level;
  q?: number | null;
  g?: number | null;
  p?: number | null;
  c?: string | null;
  s?: number | null;
  n?: number;
  r?: WireReason;
  x?: IndicatorState['revision'];
}

/** A unit's changes. `e`: its reason, as the index of the indicator whose reason it equals, or as a patch of the previous one. */
export interface WireUnit {
  i: string;
  /** Whole: nothing is taken from the client's copy (a unit it may not hold, a catch-up). */
  f?: 1;
  l?: Level;
  s?: number;
  r?: number;
  k?: number;
  e?: number | WireReason;
  n?: WireIndicator[];
  p?: ReportState[];
  t?: UnitTask[];
}

/** A delta on the wire (version 2): what a `Delta` carries, against the state the client holds at `seq - 1`. */
export interface WireDelta {
  v: typeof DELTA_WIRE;
  seq: number;
  /** `generatedAt` in ms since the epoch. */
  g: number;
  /** `asOf`, only when it moved. */
  a?: string;
  units: WireUnit[];
  /** Units per level (in LEVELS order): areas, then departments. */
  c?: [number[], number[]];
  geography?: GeographyMeta;
  indicators?: IndicatorMeta[];
  changes?: { day: string; groups: ChangeGroup[] };
  d?: number;
  /** A delta the wire does not shorten (a new geography: every unit whole); `units` is then empty. */
  whole?: Delta;
}

/** Reason fields the wire shortens, and whether the field is optional (null then means absent). */
export const REASON_KEYS = [
  ['kind', 'k', false],
  ['indicator', 'i', true],
  ['requiredPace', 'q', false],
  ['achievedPace', 'a', false],
  ['projected', 'p', false],
  ['target', 't', false],
  ['deadline', 'd', false],
  ['slackDays', 's', false],
  ['lastAt', 'l', false],
  ['period', 'o', true],
  ['task', 'x', true],
] as const satisfies readonly (readonly [keyof Reason, keyof WireReason, boolean])[];

/** Indicator fields the wire shortens (besides `id`, `reason`). */
export const INDICATOR_KEYS = [
  ['value', 'v'],
  ['at', 'a'],
  ['target', 't'],
  ['deadline', 'd'],
  ['level', 'l'],
  ['requiredPace', 'q'],
  ['achievedPace', 'g'],
  ['projected', 'p'],
  ['completionDate', 'c'],
  ['slackDays', 's'],
  ['readings', 'n'],
  ['revision', 'x'],
] as const satisfies readonly (readonly [keyof IndicatorState, keyof WireIndicator])[];

/** Unit scalar fields the wire shortens. */
export const UNIT_KEYS = [
  ['level', 'l'],
  ['score', 's'],
  ['rank', 'r'],
  ['kindRank', 'k'],
  ['reports', 'p'],
  ['tasks', 't'],
] as const satisfies readonly (readonly [keyof UnitPatch, keyof WireUnit])[];

/** The base an indicator's reason is sent against: the previous reason with the indicator's own figures. */
export function reasonBase(prev: Reason | undefined, ind: IndicatorState): Reason {
  return {
    ...(prev ?? ({} as Reason)),
    requiredPace: ind.requiredPace,
    achievedPace: ind.achievedPace,
    projected: ind.projected,
    target: ind.target,
    deadline: ind.deadline,
    slackDays: ind.slackDays,
    lastAt: ind.at,
  };
}

type Loose = Record<string, unknown>;

/** A reason from its base and its wire patch. */
export function patchReason(base: Reason, w: WireReason | undefined): Reason {
  if (!w) return base;
  const out: Loose = { ...base };
  const wire = w as Loose;
  for (const [long, short, optional] of REASON_KEYS) {
    if (!(short in wire)) continue;
    if (optional && wire[short] === null) delete out[long];
    else out[long] = wire[short];
  }
  return out as unknown as Reason;
}

function decodeIndicator(prev: IndicatorState | undefined, w: WireIndicator): IndicatorState {
  const out: Loose = { ...prev, id: typeof w.i === 'string' ? w.i : prev!.id };
  const wire = w as unknown as Loose;
  for (const [long, short] of INDICATOR_KEYS) if (short in wire) out[long] = wire[short];
  const ind = out as unknown as IndicatorState;
  return { ...ind, reason: patchReason(reasonBase(prev?.reason, ind), w.r) };
}

function decodeUnit(prev: UnitState | undefined, w: WireUnit): UnitPatch {
  const base = w.f ? undefined : prev;
  if (!w.f && !base) throw new Error(`delta patches unit "${w.i}", which the client does not hold`);
  const patch: Loose = { id: w.i };
  const wire = w as unknown as Loose;
  for (const [long, short] of UNIT_KEYS) if (short in wire) patch[long] = wire[short];
  const indicators = w.n?.map((wi) => {
    const p = typeof wi.i === 'number' ? base!.indicators[wi.i] : base?.indicators.find((x) => x.id === wi.i);
    if (typeof wi.i === 'number' && !p) throw new Error(`delta names indicator #${wi.i} of unit "${w.i}", which it does not have`);
    return decodeIndicator(p, wi);
  });
  if (indicators) patch.indicators = indicators;
  if (typeof w.e === 'number') {
    // The reason of one of the unit's indicators as it is after this delta.
    const id = base ? base.indicators[w.e]?.id : indicators?.[w.e]?.id;
    const ind = indicators?.find((x) => x.id === id) ?? base?.indicators.find((x) => x.id === id);
    if (!ind) throw new Error(`delta gives unit "${w.i}" the reason of indicator #${w.e}, which it does not have`);
    patch.reason = ind.reason;
  } else if (w.e) patch.reason = patchReason(base?.reason ?? ({} as Reason), w.e);
  return patch as unknown as UnitPatch;
}

/** Units by id: a map for many patches, a scan for a few (a one-reading delta at national scale). */
function finder(units: UnitState[], n: number): (id: string) => UnitState | undefined {
  if (n <= 8) return (id) => units.find((u) => u.id === id);
  const byId = new Map(units.map((u) => [u.id, u]));
  return (id) => byId.get(id);
}

/** The plain delta a wire delta stands for, given the snapshot the client holds (at `seq - 1`). */
export function decodeDelta(snapshot: Snapshot, w: WireDelta): Delta {
  if (w.v !== DELTA_WIRE) throw new Error(`delta version ${String(w.v)}, this client reads ${DELTA_WIRE}`);
  if (w.whole) return w.whole;
  const find = finder(snapshot.units, w.units.length);
  const counts = w.c && { area: countsOf(w.c[0]), department: countsOf(w.c[1]) };
  return {
    seq: w.seq,
    generatedAt: new Date(w.g).toISOString(),
    asOf: w.a ?? snapshot.asOf,
    units: w.units.map((u) => decodeUnit(find(u.i), u)),
    ...(counts && { counts }),
    ...(w.geography && { geography: w.geography }),
    ...(w.indicators && { indicators: w.indicators }),
    ...(w.changes && { changes: w.changes }),
    ...(w.d !== undefined && { data: w.d }),
  };
}

function countsOf(n: number[]): KindCounts['area'] {
  return Object.fromEntries(LEVELS.map((l, i) => [l, n[i] ?? 0])) as KindCounts['area'];
}

/** Whether a delta from the stream is a wire delta (else a plain one, from a server that does not send them). */
export function isWireDelta(d: Delta | WireDelta): d is WireDelta {
  return 'v' in d;
}
