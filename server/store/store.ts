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

/**
 * Persistence. Every write is one transaction: all rows or none. Async so that a
 * network database (PostgreSQL) fits the same interface.
 */
export interface Store {
  /** Insert all rows in one transaction; resolves once they are durable. */
  insertReadings(rows: readonly NewReading[]): Promise<number>;
  insertReports(rows: readonly NewReport[]): Promise<number>;
  /** All readings, oldest first. */
  listReadings(): Promise<StoredReading[]>;
  listReports(): Promise<StoredReport[]>;
  counts(): Promise<{ readings: number; reports: number }>;
  /** Delete every reading and report from one source in one transaction (the demo's, when it loops). */
  deleteSource(source: Source): Promise<void>;
  /** Key/value metadata (e.g. that the demo scenario was loaded). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
