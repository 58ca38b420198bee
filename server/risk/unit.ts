import type { IndicatorConfig, RiskConfig } from '../config/schema.js';
import type { UnitConfig } from '../config/types.js';
import { SEVERITY, worse, type Level } from '../protocol/levels.js';
import type { IndicatorState, Reason, ReportState, UnitState } from '../protocol/state.js';
import { shortfallShare } from './indicator.js';
import { latestDue } from './reports.js';
import type { UnitTask } from '../protocol/tasks.js';
import { taskShortfall } from './task.js';

/**
 * A unit's level, score and reason from its indicator assessments and report history (pure).
 * Level = worst of the indicators and of reporting compliance (latest due period); ranks are set later (risk/rank.ts).
 */
export function assessUnit(
  unit: UnitConfig,
  indicators: readonly IndicatorState[],
  catalogue: ReadonlyMap<string, IndicatorConfig>,
  reports: ReportState[],
  risk: RiskConfig,
  tasks: readonly UnitTask[] = [],
): UnitState {
  let level: Level = 'met';
  let reason: Reason | null = null;
  let weighted = 0;
  let weights = 0;
  let worstShare = -1;
  for (const a of indicators) {
    const ind = catalogue.get(a.id)!;
    const share = shortfallShare(a, ind);
    weighted += share * ind.weight;
    weights += ind.weight;
    // The reason is the indicator that sets the level; among equals, the one furthest from its target.
    const sev = SEVERITY[a.level];
    if (sev > SEVERITY[level] || (sev === SEVERITY[level] && share * ind.weight > worstShare)) {
      reason = a.reason;
      worstShare = share * ind.weight;
    }
    level = worse(level, a.level);
  }
  // A task counts in the score as an indicator of weight 1: an overdue task ranks its unit as an overdue indicator would.
  for (const t of tasks) {
    weighted += taskShortfall(t);
    weights += 1;
  }
  let score = weights ? (100 * weighted) / weights : 0;

  const due = latestDue(reports);
  if (due && (due.status === 'missing' || due.status === 'late')) {
    const reportLevel = risk.reportLevels[due.status];
    score += risk.reportPenalty[due.status];
    if (SEVERITY[reportLevel] > SEVERITY[level]) {
      level = reportLevel;
      reason = { ...emptyReason(), kind: due.status === 'missing' ? 'report_missing' : 'report_late', period: due.period, deadline: due.dueAt };
    }
  }
  // A task sets the level when it is worse than every indicator and report; its reason says which task.
  for (const t of tasks) {
    if (SEVERITY[t.level] > SEVERITY[level])
      reason = { ...emptyReason(), kind: 'task', deadline: t.deadlineAt, task: { id: t.id, title: t.title, reason: t.reason } };
    level = worse(level, t.level);
  }
  if (indicators.length === 0 && !due && tasks.length === 0) level = 'no_data';

  return {
    ...identity(unit),
    level,
    score: Math.round(Math.min(100, score) * 10) / 10,
    reason: reason ?? { ...emptyReason(), kind: level === 'no_data' ? 'no_data' : 'met' },
    indicators: [...indicators],
    reports,
    ...(tasks.length && { tasks: [...tasks] }),
  };
}

/** What a unit's state says of the unit itself; ranks are numbered later, in the one ranking order (risk/rank.ts). */
function identity(unit: UnitConfig): Pick<UnitState, 'id' | 'code' | 'name' | 'kind' | 'type' | 'rank' | 'kindRank'> {
  return { id: unit.id, code: unit.code, name: unit.name, kind: unit.kind, type: unit.type, rank: 0, kindRank: 0 };
}

function emptyReason(): Reason {
  return { kind: 'met', requiredPace: null, achievedPace: null, projected: null, target: null, deadline: null, slackDays: null, lastAt: null };
}

/**
 * A unit with no readings or reports expected (e.g. đặc khu Hoàng Sa): level `met` with score 0
 * and no indicators, flagged `notReporting` so that screens show it neutral; counted at no level
 * and ranked after every reporting unit (risk/rank.ts).
 */
export function notReportingUnit(unit: UnitConfig, reports: ReportState[]): UnitState {
  return {
    ...identity(unit),
    level: 'met',
    score: 0,
    notReporting: true,
    reason: emptyReason(),
    indicators: [],
    reports,
  };
}
