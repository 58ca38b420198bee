import type { IndicatorConfig } from '../config/schema.js';
import type { IndicatorState, ReportState, UnitState } from '../protocol/state.js';
import type { UnitTask } from '../protocol/tasks.js';
import type { UnitConfig } from '../config/types.js';

interface Entry {
  unit: UnitConfig;
  /** The catalogue entries its score was weighed with, in the order of its indicators. */
  weighed: IndicatorConfig[];
  state: UnitState;
}

const sameWeighing = (a: IndicatorConfig, b: IndicatorConfig | undefined): boolean =>
  a === b || (b !== undefined && a.weight === b.weight && a.min === b.min && a.max === b.max && a.direction === b.direction);

const sameReport = (a: ReportState, b: ReportState): boolean =>
  a.period === b.period && a.dueAt === b.dueAt && a.status === b.status && a.submittedAt === b.submittedAt;

/**
 * Each unit's last assessment, to hand back as is when its inputs are the same objects as then
 * (indicator results reused by their series memos, equal reports, no tasks, the same weighing):
 * a clock tick that changes nothing in a unit allocates nothing for it and diffs as `===`.
 * Ranks are numbered on copies (engine/state.ts), so a kept state is never changed in place.
 */
export class UnitMemo {
  readonly #byId = new Map<string, Entry>();

  /** The kept state when these inputs would assess the unit to it, else null. */
  reuse(
    unit: UnitConfig,
    indicators: readonly IndicatorState[],
    reports: readonly ReportState[],
    tasks: readonly UnitTask[] | undefined,
    catalogue: ReadonlyMap<string, IndicatorConfig>,
  ): UnitState | null {
    const e = this.#byId.get(unit.id);
    if (!e || e.unit !== unit || tasks?.length || e.state.tasks?.length) return null;
    const s = e.state;
    if (s.indicators.length !== indicators.length || s.reports.length !== reports.length) return null;
    for (let i = 0; i < indicators.length; i++) {
      if (s.indicators[i] !== indicators[i] || !sameWeighing(e.weighed[i]!, catalogue.get(indicators[i]!.id))) return null;
    }
    for (let i = 0; i < reports.length; i++) if (!sameReport(s.reports[i]!, reports[i]!)) return null;
    return s;
  }

  /** Keep a unit's new assessment. */
  keep(unit: UnitConfig, state: UnitState, catalogue: ReadonlyMap<string, IndicatorConfig>): void {
    this.#byId.set(unit.id, { unit, weighed: state.indicators.map((i) => catalogue.get(i.id)!), state });
  }

  /** The same assessment, renumbered (a copy with its new rank): kept in its place. */
  renumbered(state: UnitState): void {
    const e = this.#byId.get(state.id);
    if (e && e.state.indicators === state.indicators) e.state = state;
  }

  clear(): void {
    this.#byId.clear();
  }
}
