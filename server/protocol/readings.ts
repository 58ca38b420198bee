import { z } from 'zod';

/** A timestamp with an explicit offset, e.g. 2024-08-31T10:00:00+07:00. */
export const instantSchema = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time with offset, e.g. 2024-08-31T10:00:00+07:00' });

export const readingInputSchema = z.strictObject({
  unit: z.string({ error: 'expected a unit id (string)' }).min(1, { error: 'expected a unit id' }),
  indicator: z.string({ error: 'expected an indicator id (string)' }).min(1, { error: 'expected an indicator id' }),
  value: z.number({ error: 'expected a finite number' }),
  at: instantSchema,
});

export const readingsBodySchema = z.strictObject({
  readings: z.array(z.unknown(), { error: 'expected "readings": an array of readings' }).min(1, { error: 'expected at least one reading' }),
});

/** Readings per POST /api/readings (a spreadsheet import may hold more). */
export const MAX_READINGS_PER_REQUEST = 10_000;

export type ReadingInput = z.infer<typeof readingInputSchema>;

export interface ReadingsAccepted {
  accepted: number;
  seq: number;
  /** True when this answers a retry (same Idempotency-Key and body): nothing was written again. */
  replayed?: true;
}
