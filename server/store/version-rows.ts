/** Superseded readings: a correction is a new version, never an overwrite (issue 15 point 1). */
import type { StoredReading } from './rows.js';

/** A reading as it stood before a correction replaced it, with when it was superseded. */
export interface ReadingVersion extends Omit<StoredReading, 'id'> {
  /** When the correction that replaced it was received (ms). */
  supersededAt: number;
}

/** The reading versions part of the Store: written by every correction in its own transaction. */
export interface ReadingVersionStore {
  /** Every superseded reading, oldest superseded first. */
  listReadingVersions(): Promise<ReadingVersion[]>;
}

/** The same table in both dialects. */
export const READING_VERSIONS_TABLE = (int: string, real: string) => `
  CREATE TABLE reading_versions (
    id ${int === 'BIGINT' ? 'BIGINT GENERATED ALWAYS AS IDENTITY' : 'INTEGER'} PRIMARY KEY,
    unit TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value ${real} NOT NULL,
    at ${int} NOT NULL,
    source TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    received_at ${int} NOT NULL,
    superseded_at ${int} NOT NULL
  );
  CREATE INDEX reading_versions_series ON reading_versions (unit, indicator, at);
`;

export const READING_VERSIONS_MIGRATION = 'corrections: the superseded value of every corrected reading, with when it was superseded';

/** Columns read back, in both dialects. */
export const VERSION_SELECT = `SELECT unit, indicator, value, at, source, submitted_by AS "submittedBy", received_at AS "receivedAt",
  superseded_at AS "supersededAt" FROM reading_versions ORDER BY superseded_at, id`;

/** PostgreSQL: copy the stored rows a batch is about to replace (a different value) into reading_versions, in one statement ($1..$4 arrays of unit, indicator, at, value; $5 the time). */
export const PG_COPY_SUPERSEDED = `INSERT INTO reading_versions (unit, indicator, value, at, source, submitted_by, received_at, superseded_at)
  SELECT r.unit, r.indicator, r.value, r.at, r.source, r.submitted_by, r.received_at, $5 FROM readings r
  JOIN unnest($1::text[], $2::text[], $3::int8[], $4::float8[]) AS n(unit, indicator, at, value)
    ON r.unit = n.unit AND r.indicator = n.indicator AND r.at = n.at
  WHERE r.value IS DISTINCT FROM n.value`;
