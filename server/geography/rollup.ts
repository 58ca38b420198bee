import { SEVERITY, type Level } from '../protocol/levels.js';
import type { Crosswalk, CrosswalkLink } from './crosswalk.js';

/** One later unit's level and, optionally, its value for one indicator. */
export interface RollUpInput {
  unit: string;
  level: Level;
  /** The reading's value; with numerator and denominator when the reading carries them. */
  value?: { value: number; numerator?: number; denominator?: number } | null;
}

/** A former unit (e.g. a 2024 district) seen through the units drawn from it. */
export interface RollUpGroup {
  /** The earlier unit's id (e.g. "que-son"). */
  unit: string;
  /** The worst level among its members with data (no_data only when none has data). */
  level: Level;
  /** Members at risk or worse ÷ members with data; null when none has data. */
  shareAtRisk: number | null;
  counts: { members: number; withData: number; atRiskOrWorse: number };
  /** exact: Σ numerator ÷ Σ denominator (as %); mean: unweighted mean of the values, said so. */
  value: { value: number; method: 'exact' | 'unweighted_mean'; of: number } | null;
  /** Members that lie only partly in this unit: counted whole in each of their former units. */
  partial: string[];
}

const AT_RISK = SEVERITY.at_risk;

/**
 * Roll the later units' levels up to the earlier units they came from (pure). The rule: every
 * later unit counts in each earlier unit it has a link to (partial ones whole in each, flagged);
 * units absent from `inputs` (e.g. not reporting) are left out. The level is the worst among
 * members with data (no_data is not "worst": silence is counted apart); the share is members at
 * risk, off track or overdue over members with data. The value is exact when every member's
 * value has a numerator and denominator, else an unweighted mean of the values, labelled so.
 */
export function rollUp(crosswalk: Pick<Crosswalk, 'links'>, inputs: readonly RollUpInput[]): RollUpGroup[] {
  const byUnit = new Map(inputs.map((i) => [i.unit, i]));
  const groups = new Map<string, CrosswalkLink[]>();
  for (const l of crosswalk.links) if (byUnit.has(l.to.id)) groups.set(l.from.id, [...(groups.get(l.from.id) ?? []), l]);
  return [...groups].map(([unit, links]) => {
    const members = links.map((l) => byUnit.get(l.to.id)!);
    const withData = members.filter((m) => m.level !== 'no_data');
    const atRisk = withData.filter((m) => SEVERITY[m.level] >= AT_RISK).length;
    const level = withData.length ? withData.reduce<Level>((w, m) => (SEVERITY[m.level] > SEVERITY[w] ? m.level : w), withData[0]!.level) : 'no_data';
    return {
      unit,
      level,
      shareAtRisk: withData.length ? atRisk / withData.length : null,
      counts: { members: members.length, withData: withData.length, atRiskOrWorse: atRisk },
      value: valueOf(members),
      partial: links.filter((l) => l.share === 'partial').map((l) => l.to.id),
    };
  });
}

function valueOf(members: readonly RollUpInput[]): RollUpGroup['value'] {
  const vals = members.map((m) => m.value).filter((v): v is NonNullable<RollUpInput['value']> => v != null);
  if (!vals.length) return null;
  if (vals.every((v) => v.numerator !== undefined && v.denominator !== undefined)) {
    const den = vals.reduce((s, v) => s + v.denominator!, 0);
    if (den > 0) return { value: (100 * vals.reduce((s, v) => s + v.numerator!, 0)) / den, method: 'exact', of: vals.length };
  }
  return { value: vals.reduce((s, v) => s + v.value, 0) / vals.length, method: 'unweighted_mean', of: vals.length };
}
