import type Database from 'better-sqlite3';
import type { AuditEntry, Store, StoredAudit, TokenRecord } from './store.js';

type AccessPart = Pick<Store, 'listTokens' | 'findToken' | 'revokeToken' | 'appendAudit' | 'listAudit'>;

const TOKEN_COLUMNS = 'id, hash, role, unit, label, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt';
const AUDIT_COLUMNS = 'id, at, who, role, action, target, source, outcome, status, detail';

/** Tokens and audit trail on an open SQLite database (part of the SQLite store). */
export function sqliteAccess(db: Database.Database): {
  part: AccessPart;
  writeAudit: (entries: readonly AuditEntry[]) => void;
  writeTokens: (tokens: readonly TokenRecord[]) => void;
} {
  const insToken = db.prepare(
    'INSERT INTO tokens (id, hash, role, unit, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selTokens = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
  const selToken = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = ?`);
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const insAudit = db.prepare(
    'INSERT INTO audit (at, who, role, action, target, source, outcome, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selAudit = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`);
  const writeAudit = (entries: readonly AuditEntry[]) => {
    for (const e of entries) insAudit.run(e.at, e.who, e.role, e.action, e.target, e.source, e.outcome, e.status, e.detail);
  };
  const writeTokens = (tokens: readonly TokenRecord[]) => {
    for (const t of tokens) insToken.run(t.id, t.hash, t.role, t.unit, t.label, t.createdAt, t.expiresAt, t.revokedAt);
  };
  return {
    writeAudit,
    writeTokens,
    part: {
      listTokens: async () => selTokens.all() as TokenRecord[],
      findToken: async (hash) => (selToken.get(hash) as TokenRecord | undefined) ?? null,
      revokeToken: async (id, at) => revoke.run(at, id).changes > 0,
      appendAudit: async (e) => writeAudit([e]),
      listAudit: async ({ limit, before }) => selAudit.all(before ?? Number.MAX_SAFE_INTEGER, limit) as StoredAudit[],
    },
  };
}
