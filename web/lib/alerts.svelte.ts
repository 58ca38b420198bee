import { SEVERITY, type ChangeCause, type ChangeGroup, type DayChanges, type Level, type Localized, type UnitState } from '../../server/protocol/index.js';

/** A unit as the ticker names it. */
export interface AlertUnit {
  id: string;
  name: Localized;
  kind: UnitState['kind'];
}

/** One ticker item: the units of a change group that reached the same level, with their cause. */
export interface Alert {
  key: string;
  /** The units listed by the server (worst first); `total` counts them all. */
  units: AlertUnit[];
  total: number;
  /** The level before, when every listed unit had the same one. */
  from: Level | null;
  to: Level;
  /** Indicator behind the new level, when one. */
  indicator: string | null;
  cause: ChangeCause;
  /** When it changed, as the data clock says (ISO). */
  asOf: string;
  worse: boolean;
}

/** A group's items, one per new level, worst first (pure). */
export function alertsOf(g: ChangeGroup, units: ReadonlyMap<string, UnitState>): Alert[] {
  const byLevel = new Map<Level, ChangeGroup['changes']>();
  for (const c of g.changes) byLevel.set(c.to, [...(byLevel.get(c.to) ?? []), c]);
  const levels = [...byLevel.keys()].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
  return levels.map((to, n) => {
    const changes = byLevel.get(to)!;
    const froms = new Set(changes.map((c) => c.from));
    const inds = new Set(changes.map((c) => c.indicator));
    // Units the server did not list (a big group): counted with the worst level.
    const unlisted = n === 0 ? g.total - g.changes.length : 0;
    return {
      key: `${g.id}:${to}`,
      units: changes.map((c) => ({ id: c.unit, name: units.get(c.unit)?.name ?? { vi: c.unit, en: c.unit }, kind: units.get(c.unit)?.kind ?? 'area' })),
      total: changes.length + unlisted,
      from: froms.size === 1 ? changes[0]!.from : null,
      to,
      indicator: inds.size === 1 ? changes[0]!.indicator : null,
      cause: g.cause,
      asOf: g.asOf,
      worse: changes.some((c) => SEVERITY[c.to] > SEVERITY[c.from]),
    };
  });
}

/**
 * The day's level changes as the server keeps them (snapshot and deltas), newest first, and, for
 * units that got worse since this wall started watching, a pulse until `pulseMs` has passed.
 * A reloaded wall shows the day's changes at once without pulsing them: they are not new to it.
 */
export class Alerts {
  #items = $state.raw<Alert[]>([]);
  #pulsing = $state.raw<ReadonlyMap<string, number>>(new Map());
  #seen = new Set<string>();
  #epoch: string | null | undefined = undefined;
  #changes: DayChanges | undefined;
  readonly #max: number;
  readonly #pulseMs: number;

  constructor(max: number, pulseMs: number) {
    this.#max = max;
    this.#pulseMs = pulseMs;
  }

  get items(): Alert[] {
    return this.#items;
  }
  /** Unit id → time (ms) its pulse ends. */
  get pulsing(): ReadonlyMap<string, number> {
    return this.#pulsing;
  }

  /** Take a new state's changes. A new server run (epoch) sets a new baseline: nothing pulses. */
  observe(units: readonly UnitState[], changes: DayChanges | undefined, systemNow = Date.now(), epoch: string | null = null): void {
    const first = epoch !== this.#epoch;
    this.#epoch = epoch;
    if (!first && changes === this.#changes) return;
    this.#changes = changes;
    const groups = changes?.groups ?? [];
    const byId = new Map(units.map((u) => [u.id, u]));
    const items: Alert[] = [];
    for (let i = groups.length - 1; i >= 0 && items.length < this.#max; i--) items.push(...alertsOf(groups[i]!, byId));
    this.#items = items.slice(0, this.#max);
    const fresh = groups.filter((g) => !this.#seen.has(g.id));
    this.#seen = new Set(groups.map((g) => g.id));
    if (first || !fresh.length) return;
    const pulsing = new Map([...this.#pulsing].filter(([, until]) => until > systemNow));
    for (const g of fresh) for (const c of g.changes) if (SEVERITY[c.to] > SEVERITY[c.from]) pulsing.set(c.unit, systemNow + this.#pulseMs);
    this.#pulsing = pulsing;
  }

  /** Drop pulses that have ended; returns whether any is still running. */
  expire(systemNow = Date.now()): boolean {
    const live = [...this.#pulsing].filter(([, until]) => until > systemNow);
    if (live.length !== this.#pulsing.size) this.#pulsing = new Map(live);
    return live.length > 0;
  }
}
