import { SEVERITY, type GeographyMeta, type Level, type Snapshot, type UnitState } from '../../server/protocol/index.js';

/** One step of a briefing. Built from the data, so the presenter never assembles slides by hand. */
export type Slide =
  | { kind: 'summary'; folded: Folded[] }
  | { kind: 'worsened'; since: string; units: Change[]; improved: Change[]; mapChanged: GeographyMeta | null }
  | { kind: 'unit'; id: string }
  | { kind: 'compliance'; period: string; dueAt: string }
  | { kind: 'upcoming'; items: Upcoming[] }
  | { kind: 'tasks' };

/** A slide that would be empty, said in one sentence on the summary instead. */
export type Folded = { kind: 'worsened'; since: string; improved: number } | { kind: 'upcoming'; deadlines: number };

export interface Change {
  id: string;
  from: Level;
  to: Level;
}

export interface Upcoming {
  indicator: string;
  deadline: string;
  /** Units it applies to that are neither met nor on track. */
  behind: string[];
  total: number;
}

/** The last day of the month before the one `asOf` (a local ISO instant) falls in: "the last period". */
export function previousPeriodEnd(asOf: string): string {
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}

const fine = (l: Level) => l === 'met' || l === 'on_track';
const byRank = (a: UnitState, b: UnitState) => a.rank - b.rank;

/**
 * The briefing's sequence (pure): province summary → units that worsened since the last
 * period → each off-track or overdue unit, worst first → reporting compliance → upcoming deadlines.
 */
export function buildSlides(current: Snapshot, before: Snapshot | null): Slide[] {
  const folded: Folded[] = [];
  const slides: Slide[] = [{ kind: 'summary', folded }];
  if (before) {
    // Across a change of geography (1 Jul 2025) the areas are other units: only departments compare.
    const mapChanged = before.geography && current.geography && before.geography.id !== current.geography.id ? before.geography : null;
    const was = new Map(before.units.filter((u) => !mapChanged || u.kind === 'department').map((u) => [u.id, u.level]));
    const changes = [...current.units]
      .sort(byRank)
      .filter((u) => was.has(u.id) && was.get(u.id) !== u.level)
      .map((u) => ({ id: u.id, from: was.get(u.id)!, to: u.level }));
    const units = changes.filter((c) => SEVERITY[c.to] > SEVERITY[c.from]);
    // Improvements are said too (more briefly): a fair briefing credits who caught up.
    const improved = changes.filter((c) => SEVERITY[c.to] < SEVERITY[c.from]);
    // Early in a month nothing has worsened yet: a sentence, not an empty slide.
    if (!units.length && !mapChanged) folded.push({ kind: 'worsened', since: before.asOf, improved: improved.length });
    else slides.push({ kind: 'worsened', since: before.asOf, units, improved, mapChanged });
  }
  for (const u of [...current.units].sort(byRank)) if (u.level === 'off_track' || u.level === 'overdue') slides.push({ kind: 'unit', id: u.id });
  // The latest period whose report has fallen due (the same rule for every unit).
  const due = current.units.flatMap((u) => u.reports).filter((r) => r.status !== 'not_yet_due');
  const latest = due.reduce<(typeof due)[number] | null>((a, r) => (!a || r.period > a.period ? r : a), null);
  if (latest) slides.push({ kind: 'compliance', period: latest.period, dueAt: latest.dueAt });
  const today = current.asOf.slice(0, 10);
  const items = current.indicators
    .filter((i) => i.deadline >= today)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id))
    .map((i) => {
      const concerned = current.units.filter((u) => i.appliesTo.includes(u.kind));
      const behind = concerned.filter((u) => !fine(u.indicators.find((x) => x.id === i.id)?.level ?? 'no_data')).sort(byRank);
      return { indicator: i.id, deadline: i.deadline, behind: behind.map((u) => u.id), total: concerned.length };
    });
  if (items.some((i) => i.behind.length)) slides.push({ kind: 'upcoming', items });
  else folded.push({ kind: 'upcoming', deadlines: items.length });
  // Tasks due this month and who is late (briefing/TasksSlide.svelte), where the register has tasks.
  if (current.units.some((u) => u.tasks?.length)) slides.push({ kind: 'tasks' });
  return slides;
}
