/** The rows the store keeps, as the rest of the server reads and writes them (no SQL here). */
import type { AuditRecord } from '../protocol/access.js';

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

/** A reading as the engine reads it, and its place in the readings' unique key (at, unit, indicator). */
export type EngineReading = Pick<NewReading, 'unit' | 'indicator' | 'value' | 'at'>;

/** Readings taken by `at` and, unless null, received by `receivedAt` (what the time machine knew then). */
export interface ReadingFilter {
  at: number;
  receivedAt: number | null;
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

export type Role = 'admin' | 'unit' | 'display';

/** An access token as stored: only the SHA-256 of its secret is kept. */
export interface TokenRecord {
  id: string;
  hash: string;
  role: Role;
  /** For `unit` tokens: the one unit they may write for. */
  unit: string | null;
  label: string;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** The meta key counting writes of readings, reports and target versions (Store.dataVersion). */
export const DATA_VERSION = 'data_version';

/** One accepted or refused write, for the audit trail: the API's record (protocol/access.ts) with its time in ms and a role. */
export interface AuditEntry extends Omit<AuditRecord, 'id' | 'at' | 'role'> {
  at: number;
  role: Role | null;
}

export interface StoredAudit extends AuditEntry {
  id: number;
  /** How many like requests this row stands for (repeated refusals are coalesced). */
  count: number;
}

/** A write done under an Idempotency-Key: a retry with the same key and body gets the same answer. */
export interface IdempotencyRecord {
  who: string;
  key: string;
  requestHash: string;
  accepted: number;
  createdAt: number;
}

/** A target and deadline decided after the configuration, in force from `effectiveFrom`. */
export interface TargetVersion {
  indicator: string;
  target: number;
  deadline: string;
  effectiveFrom: number;
  recordedAt: number;
  setBy: string;
  reason: string;
}
