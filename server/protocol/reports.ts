import { z } from 'zod';

export const reportInputSchema = z.strictObject({
  unit: z.string({ error: 'expected a unit id (string)' }).min(1, { error: 'expected a unit id' }),
  period: z.string({ error: 'expected a period YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a period YYYY-MM, e.g. 2024-08' }),
});

export const reportsBodySchema = z.strictObject({
  reports: z
    .array(z.unknown(), { error: 'expected "reports": an array of {unit, period}' })
    .min(1, { error: 'expected at least one report' })
    .max(1000, { error: 'at most 1000 reports per request' }),
});

export type ReportInput = z.infer<typeof reportInputSchema>;

/** POST /api/reports answer: each filing judged against the reporting rule, in provincial time. */
export interface ReportsAccepted {
  accepted: number;
  seq: number;
  reports: { unit: string; period: string; dueAt: string; status: 'on_time' | 'late' }[];
}
