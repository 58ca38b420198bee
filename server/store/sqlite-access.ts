import type Database from 'better-sqlite3';
import type { Store } from './store.js';
import type { AuditEntry, IdempotencyRecord, StoredAudit, TokenRecord } from './rows.js';

type AccessPart = Pick<Store, 'findIdempotency' | 'listTokens' | 'findToken' | 'revokeToken' | 'appendAudit' | 'countAudit' | 'pruneAudit' | 'listAudit'>;

const TOKEN_COLUMNS = 'id, hash, role, unit, label, created_at AS createdAt, expires_at AS expiresAt, revoked_at AS revokedAt';
const AUDIT_COLUMNS = 'id, at, who, role, action, target, source, outcome, status, detail, count, request_id AS requestId';

/** Tokens and audit trail on an open SQLite database (part of the SQLite store). */
export function sqliteAccess(
  db: Database.Database,
  systemNow: () => number,
): {
  part: AccessPart;
  writeAudit: (entries: readonly AuditEntry[]) => void;
  writeTokens: (tokens: readonly TokenRecord[]) => void;
  writeRevocations: (r: Readonly<Record<string, number>>) => void;
  writeIdempotency: (r: IdempotencyRecord) => void;
} {
  const DAY = 86_400_000;
  const insIdem = db.prepare('INSERT INTO idempotency (who, key, request_hash, accepted, created_at) VALUES (?, ?, ?, ?, ?)');
  const purgeIdem = db.prepare('DELETE FROM idempotency WHERE created_at < ?');
  const selIdem = db.prepare(
    'SELECT who, key, request_hash AS requestHash, accepted, created_at AS createdAt FROM idempotency WHERE who = ? AND key = ? AND created_at >= ?',
  );
  const writeIdempotency = (r: IdempotencyRecord) => {
    purgeIdem.run(r.createdAt - DAY);
    insIdem.run(r.who, r.key, r.requestHash, r.accepted, r.createdAt);
  };
  const insToken = db.prepare('INSERT INTO tokens (id, hash, role, unit, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const selTokens = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
  const selToken = db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = ?`);
  const revoke = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
  const insAudit = db.prepare(
    'INSERT INTO audit (at, who, role, action, target, source, outcome, status, detail, request_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const upAudit = db.prepare(
    `INSERT INTO audit (at, who, role, action, target, source, outcome, status, detail, count, coalesce_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (coalesce_key) DO UPDATE SET count = audit.count + excluded.count`,
  );
  const delAudit = db.prepare('DELETE FROM audit WHERE at < ?');
  const selAudit = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?`);
  const writeAudit = (entries: readonly AuditEntry[]) => {
    for (const e of entries) insAudit.run(e.at, e.who, e.role, e.action, e.target, e.source, e.outcome, e.status, e.detail, e.requestId ?? null);
  };
  const writeRevocations = (r: Readonly<Record<string, number>>) => {
    for (const [id, at] of Object.entries(r)) revoke.run(at, id);
  };
  const writeTokens = (tokens: readonly TokenRecord[]) => {
    for (const t of tokens) insToken.run(t.id, t.hash, t.role, t.unit, t.label, t.createdAt, t.expiresAt, t.revokedAt);
  };
  return {
    writeAudit,
    writeTokens,
    writeRevocations,
    writeIdempotency,
    part: {
      findIdempotency: async (who, key) => (selIdem.get(who, key, systemNow() - DAY) as IdempotencyRecord | undefined) ?? null,
      listTokens: async () => selTokens.all() as TokenRecord[],
      findToken: async (hash) => (selToken.get(hash) as TokenRecord | undefined) ?? null,
      revokeToken: async (id, at) => revoke.run(at, id).changes > 0,
      appendAudit: async (e) => writeAudit([e]),
      countAudit: async (e, key, n) => {
        upAudit.run(e.at, e.who, e.role, e.action, e.target, e.source, e.outcome, e.status, e.detail, n, key);
      },
      pruneAudit: async (before) => delAudit.run(before).changes,
      listAudit: async ({ limit, before }) => selAudit.all(before ?? Number.MAX_SAFE_INTEGER, limit) as StoredAudit[],
    },
  };
}
