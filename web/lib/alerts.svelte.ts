import { SEVERITY, type Level, type Localized, type UnitState } from '../../server/protocol/index.js';

export interface Alert {
  key: string;
  unit: string;
  name: Localized;
  kind: UnitState['kind'];
  from: Level;
  to: Level;
  /** Indicator behind the new level, if any. */
  indicator: string | null;
  /** When it changed, as the data clock says (ISO). */
  asOf: string;
  worse: boolean;
}

/**
 * Level changes between successive states: a ticker of the latest ones and, for units that
 * got worse, a pulse until `pulseMs` has passed. Comparing levels is not computing risk: the
 * levels come from the server.
 */
export class Alerts {
  #items = $state.raw<Alert[]>([]);
  #pulsing = $state.raw<ReadonlyMap<string, number>>(new Map());
  #previous: ReadonlyMap<string, Level> | null = null;
  #epoch: string | null = null;
  #asOf = '';
  #seq = 0;
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

  /**
   * Compare with the previous state. A new server run (epoch) or the data clock going back (the
   * demo starting over) sets a new baseline instead: those are not changes that happened.
   */
  observe(units: readonly UnitState[], asOf: string, systemNow = Date.now(), epoch: string | null = null): void {
    const levels = new Map(units.map((u) => [u.id, u.level]));
    const prev = epoch !== this.#epoch || Date.parse(asOf) < Date.parse(this.#asOf) ? null : this.#previous;
    this.#previous = levels;
    this.#epoch = epoch;
    this.#asOf = asOf;
    if (!prev) return;
    const fresh: Alert[] = [];
    for (const u of units) {
      const from = prev.get(u.id);
      if (!from || from === u.level) continue;
      const worse = SEVERITY[u.level] > SEVERITY[from];
      fresh.push({ key: `${++this.#seq}`, unit: u.id, name: u.name, kind: u.kind, from, to: u.level, indicator: u.reason.indicator ?? null, asOf, worse });
    }
    if (!fresh.length) return;
    this.#items = [...fresh, ...this.#items].slice(0, this.#max);
    const pulsing = new Map([...this.#pulsing].filter(([, until]) => until > systemNow));
    for (const a of fresh) if (a.worse) pulsing.set(a.unit, systemNow + this.#pulseMs);
    this.#pulsing = pulsing;
  }

  /** Drop pulses that have ended; returns whether any is still running. */
  expire(systemNow = Date.now()): boolean {
    const live = [...this.#pulsing].filter(([, until]) => until > systemNow);
    if (live.length !== this.#pulsing.size) this.#pulsing = new Map(live);
    return live.length > 0;
  }
}
