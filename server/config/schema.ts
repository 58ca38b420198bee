import { z } from 'zod';
import { LEVELS } from '../protocol/levels.js';

const localized = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'expected a lower-case id of letters, digits and "-"' });
const localDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

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
  })
  .refine((i) => i.min < i.max, { error: 'expected min < max', path: ['max'] })
  .refine((i) => i.target >= i.min && i.target <= i.max, { error: 'expected target within [min, max]', path: ['target'] });

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
  reportLevels: z
    .strictObject({ missing: z.enum(LEVELS), late: z.enum(LEVELS) })
    .default({ missing: 'off_track', late: 'at_risk' }),
});

const seconds = z.number().positive().max(86_400);
export const sceneSchema = z.discriminatedUnion('scene', [
  z.strictObject({ scene: z.literal('overview'), seconds }),
  z.strictObject({ scene: z.literal('indicator'), indicator: z.string().min(1), seconds }),
  z.strictObject({ scene: z.literal('ranking'), seconds }),
  z.strictObject({ scene: z.literal('reports'), seconds }),
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

export const provinceSchema = z.strictObject({
  province: z.strictObject({ id: slug, code: z.string().nullable().default(null), name: localized }),
  timezone: z.string().min(1),
  boundaries: z.strictObject({
    file: z.string().min(1),
    idProperty: z.string().min(1).default('id'),
    attribution: localized,
  }),
  units: z
    .array(z.strictObject({ id: slug, code: z.string().nullable().default(null), name: localized, type: z.string().min(1) }))
    .min(1),
  departments: z.array(z.strictObject({ id: slug, name: localized })).default([]),
  /** The indicator catalogue: a file name relative to this file, or the catalogue inline. */
  indicators: z.union([z.string().min(1), catalogueSchema]),
  reporting: z.strictObject({
    period: z.literal('monthly'),
    /** Reports for month M are due before 00:00 local time on this day of month M + dueMonthOffset. */
    dueDay: z.number().int().min(1).max(28),
    dueMonthOffset: z.number().int().min(0).max(2).default(0),
    /** How many past periods the state carries per unit. */
    history: z.number().int().min(1).max(24).default(6),
    rule: localized,
  }),
  risk: riskSchema.default(riskSchema.parse({})),
  /**
   * Who may read the state (HTTP and socket): `open` to anyone who can reach the server (the
   * embedded default listens on 127.0.0.1 only), or `token`: a display, unit or admin token.
   */
  access: z.strictObject({ read: z.enum(['open', 'token']).default('open') }).default({ read: 'open' }),
  /** Wall behaviour (playlists, freshness, burn-in): a file relative to this file; defaults without it. */
  display: z.string().min(1).optional(),
  /** Demo scenario file relative to this file; optional. */
  demo: z.string().min(1).optional(),
});

export type ProvinceFile = z.infer<typeof provinceSchema>;
export type IndicatorConfig = z.infer<typeof indicatorSchema>;
export type RiskConfig = z.infer<typeof riskSchema>;
export type ReportingConfig = ProvinceFile['reporting'];
export type DisplayFileConfig = z.infer<typeof displaySchema>;
