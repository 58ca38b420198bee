/** One-time sign-in links for a unit's page: the code is kept hashed, expires, and works once. */

export interface SigninLink {
  /** SHA-256 of the code (hex); the code itself is only in the link. */
  hash: string;
  unit: string;
  createdAt: number;
  expiresAt: number;
  /** Who created it (a token id). */
  createdBy: string;
  usedAt: number | null;
}

/** The sign-in links part of the Store (both SQLite and PostgreSQL); links are written by `commit` (`signinLinks`), with their audit entry. */
export interface SigninStore {
  /** Spend the code at `now`: its unit when it was unused and unexpired, null otherwise (a second try loses). */
  claimSigninLink(hash: string, now: number): Promise<string | null>;
}

/** The same table in both dialects. */
export const SIGNIN_TABLE = (int: string) => `
  CREATE TABLE signin_links (
    hash TEXT PRIMARY KEY,
    unit TEXT NOT NULL,
    created_at ${int} NOT NULL,
    expires_at ${int} NOT NULL,
    created_by TEXT NOT NULL,
    used_at ${int}
  );
`;

export const SIGNIN_MIGRATION = 'unit page: one-time sign-in links';

/** Claims the row only while it is unused and unexpired, so that two racing exchanges cannot both win. */
export const SIGNIN_CLAIM = 'UPDATE signin_links SET used_at = P WHERE hash = P AND used_at IS NULL AND expires_at > P RETURNING unit';
export const SIGNIN_INSERT = 'INSERT INTO signin_links (hash, unit, created_at, expires_at, created_by, used_at) VALUES (PARAMS)';
