import type Database from 'better-sqlite3';
import type pg from 'pg';
import { SIGNIN_CLAIM, SIGNIN_INSERT, type SigninLink, type SigninStore } from './signin-rows.js';

/** Numbered placeholders for PostgreSQL ($1, $2…), plain ones for SQLite. */
const marks = (n: number, pg: boolean) => Array.from({ length: n }, (_, i) => (pg ? `$${i + 1}` : '?'));
const claimSql = (pg: boolean) => marks(3, pg).reduce((sql, m) => sql.replace(/\bP\b/, m), SIGNIN_CLAIM);
const insertSql = (pg: boolean) => SIGNIN_INSERT.replace('PARAMS', marks(6, pg).join(', '));
const params = (l: SigninLink) => [l.hash, l.unit, l.createdAt, l.expiresAt, l.createdBy, l.usedAt];

/** The sign-in links on an open SQLite database: the Store part, and the writer its commit calls inside its transaction. */
export function sqliteSignin(db: Database.Database): { part: SigninStore; write: (links: readonly SigninLink[]) => void } {
  const ins = db.prepare(insertSql(false));
  const claim = db.prepare(claimSql(false));
  return {
    part: { claimSigninLink: async (hash, now) => (claim.get(now, hash, now) as { unit: string } | undefined)?.unit ?? null },
    write: (links) => links.forEach((l) => ins.run(...params(l))),
  };
}

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/** The sign-in links on PostgreSQL (part of the PostgreSQL store); `q` classifies errors. */
export function pgSignin(q: Query): SigninStore {
  return {
    claimSigninLink: async (hash, now) => (await q<{ unit: string }>(claimSql(true), [now, hash, now])).rows[0]?.unit ?? null,
  };
}

/** Write sign-in links inside a PostgreSQL commit's transaction. */
export async function pgWriteSigninLinks(c: pg.PoolClient, links: readonly SigninLink[]): Promise<void> {
  for (const l of links) await c.query(insertSql(true), params(l));
}
