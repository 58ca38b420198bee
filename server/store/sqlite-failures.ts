import Database from 'better-sqlite3';
import { StoreUnavailableError, type Store } from './store.js';

/** SQLite answers that mean "the data is fine, the write is": a constraint, a mismatch, a misuse of SQL. */
const DATA_CODES = /^SQLITE_(CONSTRAINT|MISMATCH|RANGE|ERROR)/;

/**
 * Whether an error from SQLite means the store cannot be used now (disk full, I/O error,
 * locked, read-only, database closed) rather than a problem with the data written.
 */
export function sqliteUnavailable(err: unknown): boolean {
  if (err instanceof Database.SqliteError) return !DATA_CODES.test(err.code);
  return err instanceof TypeError && /database connection is not open/i.test(err.message);
}

/** The store with every such failure turned into StoreUnavailableError (answered 503 store_unavailable, like PostgreSQL down). */
export function withUnavailable(store: Store): Store {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(store) as [string, unknown][]) {
    wrapped[name] =
      typeof fn === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>).apply(store, args);
            } catch (err) {
              throw sqliteUnavailable(err) ? new StoreUnavailableError(err) : err;
            }
          }
        : fn;
  }
  return wrapped as unknown as Store;
}
