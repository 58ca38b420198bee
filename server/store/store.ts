/** Where a reading or report came from. */
export type Source = 'api' | 'import' | 'feed' | 'demo';

export interface NewReading {
  unit: string;
  indicator: string;
  value: number;
  /** Instant in ms since epoch. */
  at: number;
  source: Source;
  submittedBy: string;
}

export interface StoredReading extends NewReading {
  id: number;
  receivedAt: number;
}

export interface NewReport {
  unit: string;
  /** YYYY-MM */
  period: string;
  submittedAt: number;
  source: Source;
  submittedBy: string;
}

export interface StoredReport extends NewReport {
  id: number;
}

/** Several writes that must land together (or not at all). */
export interface WriteBatch {
  /** First delete every reading and report of this source (the demo starting over). */
  replaceSource?: Source;
  readings?: readonly NewReading[];
  reports?: readonly NewReport[];
  meta?: Readonly<Record<string, string | null>>;
}

/**
 * Persistence. Every write is one transaction: all rows or none. Async so that a
 * network database (PostgreSQL) fits the same interface. A reading for the same unit,
 * indicator and instant as a stored one replaces it (a correction).
 */
export interface Store {
  /** Insert all rows in one transaction; resolves once they are durable. */
  insertReadings(rows: readonly NewReading[]): Promise<number>;
  insertReports(rows: readonly NewReport[]): Promise<number>;
  /** Apply a batch in one transaction; resolves once it is durable. */
  commit(batch: WriteBatch): Promise<void>;
  /** Whether any reading or report came from this source. */
  hasSource(source: Source): Promise<boolean>;
  /** All readings, oldest first. */
  listReadings(): Promise<StoredReading[]>;
  listReports(): Promise<StoredReport[]>;
  counts(): Promise<{ readings: number; reports: number }>;
  /** Key/value metadata (e.g. that the demo scenario was loaded). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
