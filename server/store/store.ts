import type {
  AuditEntry,
  EngineReading,
  ReadingFilter,
  IdempotencyRecord,
  NewReading,
  NewReport,
  Source,
  StoredAudit,
  StoredReading,
  StoredReport,
  TargetVersion,
  TokenRecord,
} from './rows.js';
import type { ContactStore } from './contact-rows.js';
import type { OutboxStore } from './outbox-rows.js';
import type { TaskReportRow, TaskVersionRow } from './task-rows.js';
import type { SigninLink, SigninStore } from './signin-rows.js';
import type { ReadingVersion, ReadingVersionStore } from './version-rows.js';

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
  taskVersions?: readonly TaskVersionRow[];
  taskReports?: readonly TaskReportRow[];
  /** One-time sign-in links (hashed codes) for the unit page. */
  signinLinks?: readonly SigninLink[];
  /** Audit entries recorded with the write itself: an accepted write is never unrecorded. */
  audit?: readonly AuditEntry[];
}

/**
 * Persistence. Every write is one transaction: all rows or none. Async so that a
 * network database (PostgreSQL) fits the same interface. A reading for the same unit,
 * indicator and instant as a stored one replaces it (a correction), and the replaced row is kept in
 * reading_versions with when it was superseded, in the same transaction; the same value again changes
 * nothing, not even when it was received (the time machine dates what was known by it).
 */
export interface Store extends OutboxStore, ContactStore, SigninStore, ReadingVersionStore {
  /** Insert all rows in one transaction; resolves once they are durable. */
  insertReadings(rows: readonly NewReading[]): Promise<number>;
  insertReports(rows: readonly NewReport[]): Promise<number>;
  /** Apply a batch in one transaction; resolves once it is durable. */
  commit(batch: WriteBatch): Promise<void>;
  /** Changes with every write of readings, reports or target versions (the time machine's cache key), never with other writes. */
  dataVersion(): Promise<string>;
  /** Whether any reading or report came from this source. */
  hasSource(source: Source): Promise<boolean>;
  /** All readings, oldest first. */
  listReadings(): Promise<StoredReading[]>;
  /**
   * Up to `limit` readings as the engine reads them, in the order of their unique key
   * (at, unit, indicator), after `after`'s key (null: from the first): one page of
   * `readingPages`.
   */
  readingPage(after: EngineReading | null, limit: number, filter?: ReadingFilter): Promise<EngineReading[]>;
  listReports(): Promise<StoredReport[]>;
  /** Every target/deadline version, oldest first. */
  listTargetVersions(): Promise<TargetVersion[]>;
  /** Every task version and every task status report, oldest received first. */
  listTaskVersions(): Promise<TaskVersionRow[]>;
  listTaskReports(): Promise<TaskReportRow[]>;
  counts(): Promise<{ readings: number; reports: number }>;
  listTokens(): Promise<TokenRecord[]>;
  findToken(hash: string): Promise<TokenRecord | null>;
  /** Mark revoked; false when there is no such token or it was already revoked. */
  revokeToken(id: string, at: number): Promise<boolean>;
  /** The write done earlier by `who` under `key`, if any (records older than a day are forgotten). */
  findIdempotency(who: string, key: string): Promise<IdempotencyRecord | null>;
  /** Record a write outside a batch (a refused one). */
  appendAudit(entry: AuditEntry): Promise<void>;
  /**
   * Count `n` more of a repeated refusal under `key` (address, minute, answer): the first makes
   * the row with `entry`, the rest add to its count.
   */
  countAudit(entry: AuditEntry, key: string, n: number): Promise<void>;
  /** Delete audit rows older than `before` (retention); resolves with how many went. */
  pruneAudit(before: number): Promise<number>;
  /** Newest first. */
  listAudit(o: { limit: number; before?: number }): Promise<StoredAudit[]>;
  /** Key/value metadata (e.g. that the demo scenario was loaded). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}

/** What the engine reads besides the readings, oldest first: reports, target versions and the task register. */
export interface RecordedRest {
  reports: StoredReport[];
  versions: TargetVersion[];
  tasks: { versions: TaskVersionRow[]; reports: TaskReportRow[] };
}

/** Everything stored that the engine reads, oldest first (each list read on its own: use it where nothing writes meanwhile, or where a later change is folded anyway). */
export async function listRecorded(store: Store): Promise<RecordedRest & { readings: StoredReading[]; superseded: ReadingVersion[] }> {
  const [rest, readings, superseded] = await Promise.all([listRecordedExceptReadings(store), store.listReadings(), store.listReadingVersions()]);
  return { ...rest, readings, superseded };
}

/** `listRecorded` less the readings, which `readingPages` streams (boot, the time machine). */
export async function listRecordedExceptReadings(store: Store): Promise<RecordedRest> {
  const [reports, versions, taskVersions, taskReports] = await Promise.all([
    store.listReports(),
    store.listTargetVersions(),
    store.listTaskVersions(),
    store.listTaskReports(),
  ]);
  return { reports, versions, tasks: { versions: taskVersions, reports: taskReports } };
}

/**
 * The parameters of one page's query in both stores: `(at, unit, indicator) > ($1, $2, $3) AND
 * at <= $4 AND received_at <= $5` (the first page starts before any key; no filter: no bound).
 */
export function readingPageParams(after: EngineReading | null, filter: ReadingFilter | undefined): [number, string, string, number, number] {
  const key: [number, string, string] = after ? [after.at, after.unit, after.indicator] : [-Number.MAX_SAFE_INTEGER, '', ''];
  return [...key, filter?.at ?? Number.MAX_SAFE_INTEGER, filter?.receivedAt ?? Number.MAX_SAFE_INTEGER];
}

/**
 * Rows per page of `readingPages`: a few hundred KiB of row objects, which die young (pages of
 * 20,000 outlived V8's young generation: the national boot peaked 63 MiB higher in RSS).
 */
export const READING_PAGE = 2_000;

/**
 * Every reading, a page at a time (boot feeds them to the state page by page: the whole table is
 * never in memory as rows, 1.2 M of which peaked the heap near 1 GiB). Each page is its own
 * query by key, so writes may go on between pages; a reading written meanwhile is in a later
 * page if its key sorts after the page read, and always in the write's own publish.
 */
export async function* readingPages(store: Store, filter?: ReadingFilter, limit = READING_PAGE): AsyncGenerator<EngineReading[]> {
  let after: EngineReading | null = null;
  for (;;) {
    const rows = await store.readingPage(after, limit, filter);
    if (rows.length) yield rows;
    if (rows.length < limit) return;
    after = rows[rows.length - 1]!;
  }
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
