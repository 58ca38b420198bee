/** What is due to whom now: pure functions of the state, the contacts, the schedule and `now` (no I/O, no clock). */
import { SEVERITY, type Level } from '../protocol/levels.js';
import type { Snapshot, UnitState } from '../protocol/state.js';
import type { Contact } from '../store/contact-rows.js';
import { DAY_MS, localDate, localFields, localPeriod } from '../time/local.js';
import type { NotificationSchedule } from './schedule.js';

export type NoticeKind = 'remind' | 'late' | 'escalation' | 'escalation-group' | 'digest';

/** One thing to tell some contacts; it becomes one message per contact and channel (server/notify/messages.ts). */
export interface Notice {
  kind: NoticeKind;
  /** The dedup key's stem (a running schedule never queues the same stem twice to one contact). */
  key: string;
  unit: string | null;
  period: string | null;
  to: Contact[];
  /** The units it is about, with the facts a message says about each. */
  facts: NoticeFact[];
}

export interface NoticeFact {
  unit: UnitState;
  /** The report's due instant (ISO), for reminders and late notices. */
  dueAt?: string;
  /** Whole days left before the due instant (reminders). */
  daysLeft?: number;
  /** The level before (escalations, digest). */
  from?: Level;
}

/** The levels of the last run, by unit: what "worsened" is measured against. */
export type Levels = Record<string, Level>;

export interface PlanInput {
  snapshot: Snapshot;
  contacts: readonly Contact[];
  schedule: NotificationSchedule;
  now: number;
  /** Levels as of the previous run; null on the first run (nothing has "worsened" yet). */
  previous: Levels | null;
  /** Levels as of the previous digest (the digest's "who worsened"); null: none yet. */
  previousDigest: Levels | null;
}

/** The levels of a snapshot, by unit (reporting units only). */
export function levelsOf(s: Snapshot): Levels {
  return Object.fromEntries(s.units.filter((u) => !u.notReporting).map((u) => [u.id, u.level]));
}

/** Notices due now: reminders before the due date, late notices after it, escalations, the weekly digest. */
export function planNotices(p: PlanInput): Notice[] {
  return [...reportNotices(p), ...escalations(p), ...digest(p)];
}

const ofUnit = (cs: readonly Contact[], unit: string, kinds: Contact['kind'][]) => cs.filter((c) => c.unit === unit && kinds.includes(c.kind));
const office = (cs: readonly Contact[]) => cs.filter((c) => c.kind === 'office');

/** Reminders (k days before, to the unit) and a late notice (from the due day, to the unit and its leader, for the latest due period only). */
function reportNotices({ snapshot, contacts, schedule, now }: PlanInput): Notice[] {
  const out: Notice[] = [];
  const days = [...schedule.remindDaysBefore].sort((a, b) => b - a);
  for (const unit of snapshot.units) {
    if (unit.notReporting) continue;
    const latest = unit.reports.findLast((r) => r.status !== 'not_yet_due');
    for (const r of unit.reports) {
      if (r.submittedAt !== null) continue;
      const due = Date.parse(r.dueAt);
      const fact = { unit, dueAt: r.dueAt, daysLeft: Math.ceil((due - now) / DAY_MS) };
      if (r.status === 'not_yet_due') {
        // The window of reminder k runs from k days before until the next reminder's: a missed run still reminds once.
        const i = days.findIndex((k, j) => now >= due - k * DAY_MS && (j === days.length - 1 || now < due - days[j + 1]! * DAY_MS));
        const to = ofUnit(contacts, unit.id, ['unit']);
        if (i >= 0 && to.length)
          out.push({ kind: 'remind', key: `remind-${days[i]}:${unit.id}:${r.period}`, unit: unit.id, period: r.period, to, facts: [fact] });
      } else if (r === latest && r.status === 'missing' && schedule.late) {
        const to = ofUnit(contacts, unit.id, ['unit', 'leader']);
        if (to.length) out.push({ kind: 'late', key: `late:${unit.id}:${r.period}`, unit: unit.id, period: r.period, to, facts: [fact] });
      }
    }
  }
  return out;
}

/** Units that worsened to an escalation level since the last run: one each, or one grouped notice when many did at once. */
function escalations({ snapshot, contacts, schedule, now, previous }: PlanInput): Notice[] {
  if (!previous) return [];
  const facts = snapshot.units.flatMap((unit): NoticeFact[] => {
    const from = previous[unit.id];
    const worse = from !== undefined && SEVERITY[unit.level] > SEVERITY[from] && (schedule.escalateTo as Level[]).includes(unit.level);
    return worse && !unit.notReporting ? [{ unit, from }] : [];
  });
  if (!facts.length) return [];
  const day = localDate(now, snapshot.province.timezone);
  if (facts.length > schedule.groupAbove) {
    const ids = facts.map((f) => `${f.unit.id}=${f.unit.level}`).join(',');
    return office(contacts).length
      ? [{ kind: 'escalation-group', key: `escalation-group:${day}:${ids}`, unit: null, period: null, to: office(contacts), facts }]
      : [];
  }
  return facts.flatMap((f): Notice[] => {
    const to = [...ofUnit(contacts, f.unit.id, ['unit']), ...office(contacts)];
    return to.length ? [{ kind: 'escalation', key: `escalation:${f.unit.id}:${f.unit.level}:${day}`, unit: f.unit.id, period: null, to, facts: [f] }] : [];
  });
}

/** The weekly digest to the province office on its weekday, from its hour: who is late, who worsened, upcoming deadlines. */
function digest({ snapshot, contacts, schedule, now, previousDigest }: PlanInput): Notice[] {
  const tz = snapshot.province.timezone;
  const { date } = localFields(now, tz);
  const weekday = date.getUTCDay() || 7;
  const hour = date.getUTCHours();
  const to = office(contacts);
  if (weekday !== schedule.digest.weekday || hour < schedule.digest.hour || !to.length) return [];
  const facts = snapshot.units.flatMap((unit): NoticeFact[] => {
    if (unit.notReporting) return [];
    const from = previousDigest?.[unit.id];
    const late = unit.reports.some((r) => r.status === 'missing' || r.status === 'late');
    const worse = from !== undefined && SEVERITY[unit.level] > SEVERITY[from];
    return late || worse ? [{ unit, ...(worse && { from }) }] : [];
  });
  return [{ kind: 'digest', key: `digest:${localDate(now, tz)}`, unit: null, period: localPeriod(now, tz), to, facts }];
}
