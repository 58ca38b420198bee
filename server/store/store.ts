import type { TargetVersion } from '../risk/targets.js';

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

/** One accepted or refused write, for the audit trail. */
export interface AuditEntry {
  at: number;
  /** Token id (or "env-admin", or "anonymous"). */
  who: string;
  role: Role | null;
  /** e.g. "readings.post", "tokens.create". */
  action: string;
  /** What it was about: a unit, a token id, a display. */
  target: string | null;
  /** Where it came from: the client address. */
  source: string;
  outcome: 'accepted' | 'refused';
  status: number;
  /** A short summary (counts, error code); never a secret. */
  detail: string | null;
}

export interface StoredAudit extends AuditEntry {
  id: number;
}

/** A write done under an Idempotency-Key: a retry with the same key and body gets the same answer. */
export interface IdempotencyRecord {
  who: string;
  key: string;
  requestHash: string;
  accepted: number;
  createdAt: number;
}

/** Several writes that must land together (or not at all). */
export interface WriteBatch {
  /** First delete every reading and report of this source (the demo starting over). */
  replaceSource?: Source;
  readings?: readonly NewReading[];
  reports?: readonly NewReport[];
  meta?: Readonly<Record<string, string | null>>;
  tokens?: readonly TokenRecord[];
  /** Tokens to revoke (id → when). */
  revoke?: Readonly<Record<string, number>>;
  idempotency?: IdempotencyRecord;
  targetVersions?: readonly TargetVersion[];
  /** Audit entries recorded with the write itself: an accepted write is never unrecorded. */
  audit?: readonly AuditEntry[];
}

/**
 * Persistence. Every write is one transaction: all rows or none. Async so that a
 * network database (PostgreSQL) fits the same interface. A reading for the same unit,
 * indicator and instant as a stored one replaces it (a correction); the same value again changes
 * nothing, not even when it was received (the time machine dates what was known by it).
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
  /** Every target/deadline version, oldest first. */
  listTargetVersions(): Promise<TargetVersion[]>;
  counts(): Promise<{ readings: number; reports: number }>;
  listTokens(): Promise<TokenRecord[]>;
  findToken(hash: string): Promise<TokenRecord | null>;
  /** Mark revoked; false when there is no such token or it was already revoked. */
  revokeToken(id: string, at: number): Promise<boolean>;
  /** The write done earlier by `who` under `key`, if any (records older than a day are forgotten). */
  findIdempotency(who: string, key: string): Promise<IdempotencyRecord | null>;
  /** Record a write outside a batch (a refused one). */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  listAudit(o: { limit: number; before?: number }): Promise<StoredAudit[]>;
  /** Key/value metadata (e.g. that the demo scenario was loaded). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store cannot be reached (a network database down, a connection lost): the write was not
 * stored. The HTTP layer answers 503 `store_unavailable`; nothing is acknowledged.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
