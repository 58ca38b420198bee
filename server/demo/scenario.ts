import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IndicatorConfig } from '../config/schema.js';
import { ConfigError } from '../config/load.js';
import { DAY_MS, MONTH_MS, deadlineEnd } from '../time/local.js';
import { demoTaskReportSchema } from './tasks.js';

const archetype = z.enum(['met', 'on_track', 'at_risk', 'off_track', 'overdue', 'falling']);
const reportHabit = z.enum(['on_time', 'late', 'mixed', 'missing']);
const profileSchema = z.strictObject({
  base: archetype,
  overrides: z.record(z.string(), archetype).default({}),
  reports: reportHabit.default('on_time'),
  /** The unit's data feed stops after this local date (its indicators go stale). */
  feedStopsAt: z.iso.date().optional(),
  /** One wrong reading (value × factor) in a period, to show the trend shrugging it off. */
  outlier: z.strictObject({ indicator: z.string(), period: z.string(), factor: z.number() }).optional(),
  note: z.string().optional(),
});

/** How the 2025 units' profiles follow from their predecessor districts (server/demo/profiles.ts). */
const todaySchema = z.strictObject({
  /** Where these profiles hold (default: clockStart), e.g. a few months before the year's deadlines as the 2024 story is. */
  anchor: z.iso.datetime({ offset: true }).optional(),
  /** Departments (and any unit) of the latest geography not listed nor derived. */
  default: profileSchema,
  /** Explicit profiles for units of the latest geography and for departments, from its start on. */
  units: z.record(z.string(), profileSchema).default({}),
  /** Derive each other unit's profile from its main predecessor's, shifted by the predecessor's province code and a seeded spread. */
  fromPredecessors: z
    .strictObject({
      shift: z.record(z.string().regex(/^\d+$/, { error: 'expected a province code' }), z.number().int().min(-4).max(4)).default({}),
      /** Share of units moved one step up or down (seeded), so communes of one district differ. */
      spread: z.number().min(0).max(1).default(0),
    })
    .optional(),
});

export const scenarioSchema = z.strictObject({
  label: z.strictObject({ vi: z.string(), en: z.string() }),
  /** The demo's "now": a fixed instant, or "now" (the real time when the server starts: today's situation). */
  clockStart: z
    .string()
    .refine((v) => v === 'now' || z.iso.datetime({ offset: true }).safeParse(v).success, { error: 'expected "now" or a date-time with offset' }),
  speed: z.number().positive(),
  /** After this many demo days the scenario starts over, so an unattended demo wall never runs dry. */
  loopDays: z.number().positive().default(120),
  historyFrom: z.string().regex(/^\d{4}-\d{2}$/),
  seed: z.number().int(),
  simulator: z.strictObject({ everyMs: z.number().int().positive(), readingEveryDays: z.number().positive() }),
  /** Where the `units` profiles hold (e.g. the 2024 seed moment); default: clockStart. */
  story: z.iso.datetime({ offset: true }).optional(),
  default: profileSchema,
  /** Profiles of units (districts, departments) before the latest geography (all time when `today` is absent). */
  units: z.record(z.string(), profileSchema),
  /** Task status reports along the timeline (server/demo/tasks.ts). */
  tasks: z.array(demoTaskReportSchema).default([]),
  /** Profiles from the latest geography's start on, anchored at clockStart (e.g. the 94 units of 2025). */
  today: todaySchema.optional(),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;
/** A scenario with its clock resolved: `clockStart` is an instant; `fromNow` when the file said "now". */
export type Scenario = Omit<ScenarioFile, 'clockStart'> & { clockStart: string; fromNow: boolean };
export type Profile = z.infer<typeof profileSchema>;
export type Archetype = z.infer<typeof archetype>;
export type ReportHabit = z.infer<typeof reportHabit>;

/** Parse and validate a demo scenario file's JSON (its unit ids are checked in profiles.ts). */
export function parseScenario(file: string): ScenarioFile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, '', `expected a readable JSON demo scenario (${(err as Error).message})`);
  }
  const r = scenarioSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new ConfigError(file, i.path.map(String).join('.'), i.message);
  }
  return r.data;
}

/** The scenario with "now" resolved to `now` (a fixed clockStart is kept). */
export function atNow(s: Scenario | ScenarioFile, now: number): Scenario {
  const fromNow = s.clockStart === 'now' || ('fromNow' in s && s.fromNow);
  return { ...s, clockStart: fromNow ? new Date(now).toISOString() : s.clockStart, fromNow };
}

/** Deterministic noise in [-1, 1) from a string key (FNV-1a then xorshift). */
export function noise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  h ^= h << 13;
  h ^= h >>> 17;
  h ^= h << 5;
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}

/** Pace ratio (achieved ÷ required) and remaining gap share at the demo start for each archetype. */
const SHAPE: Record<Exclude<Archetype, 'met'>, { ratio: number; gap: number }> = {
  on_track: { ratio: 1.45, gap: 0.12 },
  at_risk: { ratio: 0.87, gap: 0.16 },
  off_track: { ratio: 0.35, gap: 0.3 },
  overdue: { ratio: 0.3, gap: 0.12 },
  falling: { ratio: -0.15, gap: 0.35 },
};

/**
 * The value curve of one unit × indicator: at the demo start (`start`) it sits where the
 * archetype says, moving at the archetype's share of the pace it needs. Illustrative only.
 */
export function curve(arch: Archetype, ind: IndicatorConfig, start: number, tz: string): (t: number) => number {
  const s = ind.direction === 'up' ? 1 : -1;
  const span = Math.abs(ind.target - (s > 0 ? ind.min : ind.max));
  const end = deadlineEnd(ind.deadline, tz);
  const passed = end <= start;
  // A deadline already passed at the demo start leaves two honest stories: met or overdue.
  const a: Archetype = passed
    ? arch === 'off_track' || arch === 'overdue' || arch === 'falling'
      ? 'overdue'
      : 'met'
    : arch === 'overdue'
      ? 'off_track'
      : arch;
  const clamp = (v: number) => Math.min(ind.max, Math.max(ind.min, v));
  if (a === 'met') {
    const top = clamp(ind.target + s * 0.1 * Math.abs(ind.max - ind.target));
    const reached = start - 75 * DAY_MS;
    const pace = (0.05 * span) / MONTH_MS;
    return (t) => (t >= reached ? top : clamp(top - s * pace * (reached - t) - s * 0.02 * span));
  }
  const { ratio, gap } = SHAPE[a];
  const g = gap * span;
  const v0 = ind.target - s * g;
  const required = passed ? g / (90 * DAY_MS) : g / (end - start);
  const pace = s * ratio * required;
  const floor = s > 0 ? ind.min + 0.05 * span : ind.max - 0.05 * span;
  return (t) => clamp(s > 0 ? Math.max(floor, v0 + pace * (t - start)) : Math.min(floor, v0 + pace * (t - start)));
}

/** A reading's value: the curve plus small deterministic noise that never un-meets a met target. */
export function sample(f: (t: number) => number, ind: IndicatorConfig, t: number, key: string): number {
  const s = ind.direction === 'up' ? 1 : -1;
  const v = f(t);
  const jitter = noise(key) * 0.004 * (ind.max - ind.min);
  const met = s * (v - ind.target) >= 0;
  const out = met ? v + s * Math.abs(jitter) : v + jitter;
  return Math.round(Math.min(ind.max, Math.max(ind.min, out)) * 10) / 10;
}
