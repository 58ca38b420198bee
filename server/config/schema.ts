import { z } from 'zod';
import { DEFAULT_SCHEDULE, notificationsSchema } from '../notify/schedule.js';
import { LEVELS } from '../protocol/levels.js';

const localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case id of letters, digits and "-"' });
const localDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/** A target decided by a later act: in force from `from` (local date) until the next version. */
export const targetVersionSchema = z.strictObject({
  from: localDate,
  target: z.number(),
  deadline: localDate,
  source: localized,
  /** Not yet checked against the act: shown as "cần xác minh" (to be verified). */
  verify: z.boolean().default(false),
  /** Set by the province itself (its own plan), not by a national act. */
  local: z.boolean().default(false),
});

/** A province's own target for a catalogue indicator (its plan), unverified until checked. */
export const localTargetSchema = targetVersionSchema.extend({
  indicator: z.string().min(1),
  local: z.literal(true).default(true),
  verify: z.boolean().default(true),
});

export const indicatorSchema = z
  .strictObject({
    id: slug,
    name: localized,
    short: localized,
    unit: z.enum(['percent', 'count', 'points']),
    direction: z.enum(['up', 'down']),
    min: z.number(),
    max: z.number(),
    target: z.number(),
    deadline: localDate,
    weight: z.number().positive(),
    appliesTo: z.array(z.enum(['area', 'department'])).min(1),
    source: localized,
    /** Overrides the province's staleness window for this indicator. */
    staleDays: z.number().positive().optional(),
    /** Later targets, each in force from its local date (the fields above are the first version). */
    targets: z.array(targetVersionSchema).optional(),
    /** First local day the indicator applies (e.g. a 2025 target with no 2024 counterpart). */
    from: localDate.optional(),
  })
  .refine((i) => i.min < i.max, { error: 'expected min < max', path: ['max'] })
  .refine((i) => i.target >= i.min && i.target <= i.max, { error: 'expected target within [min, max]', path: ['target'] })
  .superRefine((i, ctx) => {
    (i.targets ?? []).forEach((t, n, all) => {
      if (t.target < i.min || t.target > i.max) ctx.addIssue({ code: 'custom', message: 'expected target within [min, max]', path: ['targets', n, 'target'] });
      const prev = n ? all[n - 1]!.from : (i.from ?? '');
      if (t.from <= prev) ctx.addIssue({ code: 'custom', message: `expected a date after ${prev} (versions in order)`, path: ['targets', n, 'from'] });
    });
  });

export const catalogueSchema = z.strictObject({ indicators: z.array(indicatorSchema).min(1) });

export const riskSchema = z.strictObject({
  staleDays: z.number().positive().default(45),
  atRiskRatio: z.number().gt(0).lt(1).default(0.75),
  nearMissShare: z.number().min(0).lt(1).default(0.05),
  trendWindowDays: z.number().positive().default(120),
  minPairDays: z.number().min(0).default(7),
  /** The trend uses at least this many (daily) readings, even older than the window… */
  minTrendPoints: z.number().int().min(2).default(6),
  /** …and at most this many, the most recent. */
  maxTrendPoints: z.number().int().min(2).max(400).default(48),
  /** Level when there is a single reading (no pace yet). */
  singleReadingLevel: z.enum(LEVELS).default('at_risk'),
  /** Points added to a unit's ranking score for its latest due report. */
  reportPenalty: z.strictObject({ missing: z.number().min(0), late: z.number().min(0) }).default({ missing: 10, late: 5 }),
  reportLevels: z.strictObject({ missing: z.enum(LEVELS), late: z.enum(LEVELS) }).default({ missing: 'off_track', late: 'at_risk' }),
});

const seconds = z.number().positive().max(86_400);
export const sceneSchema = z.discriminatedUnion('scene', [
  z.strictObject({ scene: z.literal('overview'), seconds }),
  z.strictObject({ scene: z.literal('indicator'), indicator: z.string().min(1), seconds }),
  z.strictObject({ scene: z.literal('ranking'), seconds }),
  z.strictObject({ scene: z.literal('reports'), seconds }),
  z.strictObject({ scene: z.literal('deadlines'), seconds }),
  z.strictObject({ scene: z.literal('tasks'), seconds }),
]);

export const displaySchema = z.strictObject({
  heartbeatSeconds: z.number().positive().max(300).default(5),
  staleAfterSeconds: z.number().positive().default(20),
  reloadAfterOfflineMinutes: z.number().positive().default(10),
  alerts: z.strictObject({ pulseSeconds: z.number().positive(), tickerItems: z.number().int().min(1).max(50) }).default({ pulseSeconds: 90, tickerItems: 8 }),
  burnIn: z.strictObject({ shiftEveryMinutes: z.number().positive(), maxShiftPx: z.number().min(0).max(40) }).default({ shiftEveryMinutes: 3, maxShiftPx: 6 }),
  /** Touch screens: untouched this long, they go back to the overview (live figures). */
  touch: z.strictObject({ idleSeconds: z.number().int().min(10).max(3600) }).default({ idleSeconds: 120 }),
  defaultPlaylist: z.string().min(1).default('default'),
  playlists: z.record(z.string().min(1), z.array(sceneSchema).min(1)).default({ default: [{ scene: 'overview', seconds: 60 }] }),
});

/** One boundary file (in IOC_GEO_DIR): optionally a filtered part of a larger file, optionally with features dissolved. */
export const boundaryFileSchema = z.strictObject({
  file: z.string().min(1),
  idProperty: z.string().min(1).default('id'),
  /** Keep only the features whose `property` equals `equals` (e.g. one province of the national file). */
  filter: z.strictObject({ property: z.string().min(1), equals: z.string().min(1) }).optional(),
  /** Merge features into one polygon at load time (e.g. Nông Sơn into Quế Sơn from 1 Jan 2025). */
  dissolve: z.array(z.strictObject({ into: slug, parts: z.array(slug).min(2) })).default([]),
});

const validity = { from: localDate.optional(), until: localDate.optional() };

/** An area unit of one geography version. */
export const unitSchema = z.strictObject({
  id: slug,
  code: z.string().nullable().default(null),
  name: localized,
  type: z.string().min(1),
  /** Code of the province the unit belonged to in this version (when it differs over time). */
  province: z.string().min(1).optional(),
  /** false: no readings or reports are expected (e.g. đặc khu Hoàng Sa); shown neutral. */
  reporting: z.boolean().default(true),
  /** Drawn in its own inset box at a fixed place (e.g. Hoàng Sa, far offshore), never by zooming out. */
  inset: z.boolean().default(false),
  ...validity,
});

/** A geography valid over [from, until] (local dates, both inclusive; open when absent). */
export const geographySchema = z.strictObject({
  id: slug,
  name: localized,
  ...validity,
  boundaries: z.strictObject({ files: z.array(boundaryFileSchema).min(1), attribution: localized }),
  units: z.array(unitSchema).min(1),
});

/** Links between the units of two versions, a CSV in IOC_GEO_DIR (see server/geography/crosswalk.ts). */
export const crosswalkSchema = z.strictObject({ file: z.string().min(1), from: slug, to: slug });

export const provinceSchema = z.strictObject({
  province: z.strictObject({ id: slug, code: z.string().nullable().default(null), name: localized }),
  timezone: z.string().min(1),
  /** A single geography valid forever (with `units`), when `geographies` is absent. */
  boundaries: boundaryFileSchema.omit({ dissolve: true }).extend({ attribution: localized }).optional(),
  units: z.array(unitSchema).min(1).optional(),
  /** Several geographies by date, in order, without gaps or overlaps. */
  geographies: z.array(geographySchema).min(1).optional(),
  crosswalks: z.array(crosswalkSchema).default([]),
  departments: z.array(z.strictObject({ id: slug, name: localized, ...validity })).default([]),
  /** The province's own later targets, added to the catalogue's versions by date. */
  localTargets: z.array(localTargetSchema).default([]),
  /** The indicator catalogue: file name(s) relative to this file, or the catalogue inline. */
  indicators: z.union([z.string().min(1), z.array(z.string().min(1)).min(1), catalogueSchema]),
  reporting: z.strictObject({
    period: z.literal('monthly'),
    /** Reports for month M are due before 00:00 local time on this day of month M + dueMonthOffset. */
    dueDay: z.number().int().min(1).max(28),
    dueMonthOffset: z.number().int().min(0).max(2).default(0),
    /** How many past periods the state carries per unit. */
    history: z.number().int().min(1).max(24).default(6),
    rule: localized,
    /** Go-live: periods before this local date are "before the rule applied", never "missing". */
    since: localDate.optional(),
  }),
  risk: riskSchema.default(riskSchema.parse({})),
  /**
   * Who may read the state (HTTP and socket): `open` to anyone who can reach the server (the
   * embedded default listens on 127.0.0.1 only), or `token`: a display, unit or admin token.
   */
  access: z.strictObject({ read: z.enum(['open', 'token']).default('open') }).default({ read: 'open' }),
  /** Wall behaviour (playlists, freshness, burn-in): a file relative to this file; defaults without it. */
  display: z.string().min(1).optional(),
  /** The task register (server/tasks/schema.ts), a file relative to this file; optional. */
  tasks: z.string().min(1).optional(),
  /** Demo scenario file relative to this file; optional. */
  demo: z.string().min(1).optional(),
  /** Reminders and alerts to the units (server/notify/schedule.ts). */
  notifications: notificationsSchema.default(DEFAULT_SCHEDULE),
});

export type ProvinceFile = z.infer<typeof provinceSchema>;
export type IndicatorConfig = z.infer<typeof indicatorSchema>;
export type TargetVersionConfig = z.infer<typeof targetVersionSchema>;
export type BoundaryFileConfig = z.infer<typeof boundaryFileSchema>;
export type UnitFileConfig = z.infer<typeof unitSchema>;
export type GeographyFileConfig = z.infer<typeof geographySchema>;
export type RiskConfig = z.infer<typeof riskSchema>;
export type ReportingConfig = ProvinceFile['reporting'];
export type DisplayFileConfig = z.infer<typeof displaySchema>;
