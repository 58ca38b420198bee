import type pg from 'pg';
import { CONTACT_COLUMNS, CONTACT_ORDER, CONTACT_UPSERT, type Contact, type ContactStore } from './contact-rows.js';
import { MESSAGE_COLUMNS, type OutboxStore, type StoredMessage } from './outbox-rows.js';

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

/** The outbox and the contacts on PostgreSQL (part of the PostgreSQL store); `q` classifies errors, `tx` runs one transaction. */
export function pgOutbox(q: Query, tx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>): OutboxStore & ContactStore {
  return {
    recipientCounts: async (since) =>
      Object.fromEntries(
        (
          await q<{ recipient: string; n: number }>('SELECT recipient, count(*)::int AS n FROM outbox WHERE created_at >= $1 GROUP BY recipient', [since])
        ).rows.map((r) => [r.recipient, r.n]),
      ),
    listContacts: async () => (await q<Contact>(`SELECT ${CONTACT_COLUMNS} FROM contacts ${CONTACT_ORDER}`)).rows,
    saveContacts: (rows, o) =>
      tx(async (c) => {
        if (o.replace) await c.query('DELETE FROM contacts');
        const sql = CONTACT_UPSERT.replace('PARAMS', '$1, $2, $3, $4, $5, $6, $7, $8, $9');
        for (const r of rows) await c.query(sql, [r.id, r.kind, r.unit, r.name, r.role, r.email, r.chat, r.language, r.updatedAt]);
      }),
    deleteContact: async (id) => ((await q('DELETE FROM contacts WHERE id = $1', [id])).rowCount ?? 0) > 0,
    enqueueMessages: (rows) =>
      tx(async (c) => {
        const out: string[] = [];
        for (const m of rows) {
          const r = await c.query(
            `INSERT INTO outbox (id, dedup_key, kind, unit, period, channel, recipient, subject, text, html, data, ack_id, created_at, next_at, state)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'queued') ON CONFLICT (dedup_key) DO NOTHING`,
            [m.id, m.dedupKey, m.kind, m.unit, m.period, m.channel, m.recipient, m.subject, m.text, m.html, m.data, m.ackId, m.createdAt, m.nextAt],
          );
          if (r.rowCount) out.push(m.id);
        }
        return out;
      }),
    dueMessages: async (now, limit) =>
      (
        await q<StoredMessage>(
          `SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE state IN ('queued', 'retrying') AND next_at <= $1 ORDER BY next_at, created_at, id LIMIT $2`,
          [now, limit],
        )
      ).rows,
    updateMessage: async (id, u) => {
      await q('UPDATE outbox SET state = $1, attempts = $2, next_at = $3, last_error = $4, sent_at = $5 WHERE id = $6', [
        u.state,
        u.attempts,
        u.nextAt,
        u.lastError,
        u.sentAt,
        id,
      ]);
    },
    listMessages: async ({ limit, unit }) =>
      unit === undefined
        ? (await q<StoredMessage>(`SELECT ${MESSAGE_COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1`, [limit])).rows
        : (await q<StoredMessage>(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE unit = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, [unit, limit])).rows,
    getMessage: async (id) => (await q<StoredMessage>(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE id = $1`, [id])).rows[0] ?? null,
    ackMessage: async (ackId, at) => {
      await q('UPDATE outbox SET acked_at = $1 WHERE ack_id = $2 AND acked_at IS NULL', [at, ackId]);
      return (await q<StoredMessage>(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE ack_id = $1`, [ackId])).rows[0] ?? null;
    },
  };
}
