import type { ErrorDetail } from '../protocol/errors.js';
import type { Level } from '../protocol/levels.js';
import type { Localized, Snapshot, UnitState } from '../protocol/state.js';
import type { Crosswalk } from './crosswalk.js';
import { typedName } from './names.js';
import { rollUp } from './rollup.js';

/** GET /api/rollup: the state's units grouped by their predecessor in an older geography (the lens). */
export interface RollupView {
  lens: string;
  asOf: string;
  rule: Localized;
  /** How `values` are combined, in words. */
  valueRule: Localized;
  groups: {
    id: string;
    name: Localized;
    level: Level;
    shareAtRisk: number | null;
    units: string[];
    partialUnits: string[];
    /** Per indicator with at least one member value: the combined current value, its method and how many members it combines. */
    values: { indicator: string; value: number; method: 'exact' | 'unweighted_mean'; of: number }[];
  }[];
}

/** The value rule in words: readings carry no numerator and denominator today, so every value is an unweighted mean. */
export const ROLLUP_VALUE_RULE: Localized = {
  vi: 'Giá trị của nhóm là trung bình cộng không trọng số của giá trị hiện tại của các đơn vị có số liệu (số liệu báo cáo chưa có tử số và mẫu số để cộng gộp chính xác).',
  en: "A group's value is the unweighted mean of its units' current values (readings carry no numerator and denominator to combine exactly).",
};

/** The roll-up rule in words (README "Geography by date" says the same). */
export const ROLLUP_RULE: Localized = {
  vi:
    'Mỗi đơn vị mới được tính vào từng đơn vị cũ mà nó được hình thành từ đó (đơn vị hình thành từ một phần của nhiều đơn vị cũ được tính đủ ở mỗi đơn vị, có đánh dấu). ' +
    'Mức của nhóm là mức xấu nhất trong các đơn vị có số liệu; tỷ lệ có nguy cơ là số đơn vị từ "có nguy cơ" trở xuống chia cho số đơn vị có số liệu. Đơn vị không báo cáo (Hoàng Sa) và các sở, ngành không được tính.',
  en:
    'Each new unit counts in every former unit it was formed from (a unit formed from parts of several counts whole in each, flagged). ' +
    "A group's level is the worst among its units with data; the share at risk is units at risk or worse over units with data. Units not reporting (Hoàng Sa) and departments are left out.",
};

/**
 * The roll-up of `snapshot` through `lens` (pure): null with the problem when the lens is not an
 * older geography with a crosswalk into the snapshot's geography.
 */
export function rollupView(
  crosswalks: readonly Crosswalk[],
  snapshot: Snapshot,
  lens: string | undefined,
): { ok: true; view: RollupView } | { ok: false; detail: ErrorDetail } {
  const into = crosswalks.filter((c) => c.to === snapshot.geography.id);
  const cw = into.find((c) => c.from === lens);
  if (!cw) {
    const expected = into.length
      ? `one of ${into.map((c) => `"${c.from}"`).join(', ')}`
      : `none: the state at ${snapshot.asOf} is in geography "${snapshot.geography.id}", which no crosswalk leads into`;
    return {
      ok: false,
      detail: {
        field: 'lens',
        problem: lens === undefined ? 'missing' : 'unknown_lens',
        message: `expected the id of an older geography with a crosswalk into "${snapshot.geography.id}" (${expected}), got ${lens === undefined ? 'none' : `"${lens}"`}`,
      },
    };
  }
  const members = snapshot.units.filter((u) => u.kind === 'area' && !u.notReporting);
  const present = new Set(members.map((u) => u.id));
  const byId = new Map(cw.links.map((l) => [l.from.id, l.from]));
  const values = valuesByGroup(cw, members);
  const groups = rollUp(
    cw,
    members.map((u) => ({ unit: u.id, level: u.level })),
  ).map((g) => {
    const former = byId.get(g.unit)!;
    return {
      id: g.unit,
      name: typedName(former),
      level: g.level,
      shareAtRisk: g.shareAtRisk,
      units: cw
        .successors(g.unit)
        .map((l) => l.to.id)
        .filter((id) => present.has(id)),
      partialUnits: g.partial,
      values: values.get(g.unit) ?? [],
    };
  });
  return { ok: true, view: { lens: cw.from, asOf: snapshot.asOf, rule: ROLLUP_RULE, valueRule: ROLLUP_VALUE_RULE, groups } };
}

/** Each group's combined value per indicator, through the same `rollUp` (one pass per indicator). */
function valuesByGroup(cw: Crosswalk, members: readonly UnitState[]): Map<string, RollupView['groups'][number]['values']> {
  const out = new Map<string, RollupView['groups'][number]['values']>();
  const indicators = new Set(members.flatMap((u) => u.indicators.map((i) => i.id)));
  for (const indicator of indicators) {
    const inputs = members.map((u) => {
      const v = u.indicators.find((i) => i.id === indicator)?.value;
      return { unit: u.id, level: u.level, value: v == null ? null : { value: v } };
    });
    for (const g of rollUp(cw, inputs)) if (g.value) out.set(g.unit, [...(out.get(g.unit) ?? []), { indicator, ...g.value }]);
  }
  return out;
}
