/**
 * Migration 14 (issue 16): the readings' unique key time first. Readings arrive roughly in time
 * order, so a batch's keys fall in one narrow range of a (at, unit, indicator) index and dirty a
 * few pages, where a (unit, indicator, at) index scatters them over the whole index (a page per
 * reading, the store's cost at a million rows). Same uniqueness, same ON CONFLICT target.
 */
export const TIME_FIRST_MIGRATION = 'readings: their unique key time first (a batch of recent readings lands in a few index pages)';

/** The index in both dialects. */
const TIME_FIRST_INDEX = `
  DROP INDEX readings_series;
  CREATE UNIQUE INDEX readings_series ON readings (at, unit, indicator);
`;

/**
 * SQLite also keeps a corrected reading's old row by a trigger (one statement per reading, not
 * two); PostgreSQL copies a whole batch's superseded rows in one statement (PG_COPY_SUPERSEDED).
 */
export const TIME_FIRST_SQLITE = `${TIME_FIRST_INDEX}
  CREATE TRIGGER readings_superseded AFTER UPDATE OF value ON readings WHEN old.value IS NOT new.value
  BEGIN
    INSERT INTO reading_versions (unit, indicator, value, at, source, submitted_by, received_at, superseded_at)
    VALUES (old.unit, old.indicator, old.value, old.at, old.source, old.submitted_by, old.received_at, new.received_at);
  END;
`;

export const TIME_FIRST_PG = TIME_FIRST_INDEX;
