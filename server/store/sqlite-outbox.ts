import type Database from 'better-sqlite3';
import { CONTACT_COLUMNS, CONTACT_ORDER, CONTACT_UPSERT, type Contact, type ContactStore } from './contact-rows.js';
import { MESSAGE_COLUMNS, type NewMessage, type OutboxStore, type StoredMessage } from './outbox-rows.js';

const INSERT =
  'INSERT INTO outbox (id, dedup_key, kind, unit, period, channel, recipient, subject, text, html, data, ack_id, created_at, next_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING';

/** The outbox and the contacts on an open SQLite database (part of the SQLite store). */
export function sqliteOutbox(db: Database.Database): OutboxStore & ContactStore {
  const ins = db.prepare(INSERT);
  const enqueue = db.transaction((rows: readonly NewMessage[]) => {
    const out: string[] = [];
    for (const m of rows) {
      const r = ins.run(
        m.id,
        m.dedupKey,
        m.kind,
        m.unit,
        m.period,
        m.channel,
        m.recipient,
        m.subject,
        m.text,
        m.html,
        m.data,
        m.ackId,
        m.createdAt,
        m.nextAt,
        'queued',
      );
      if (r.changes > 0) out.push(m.id);
    }
    return out;
  });
  const due = db.prepare(
    `SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE state IN ('queued', 'retrying') AND next_at <= ? ORDER BY next_at, created_at, id LIMIT ?`,
  );
  const upd = db.prepare('UPDATE outbox SET state = ?, attempts = ?, next_at = ?, last_error = ?, sent_at = ? WHERE id = ?');
  const list = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?`);
  const listUnit = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE unit = ? ORDER BY created_at DESC, id DESC LIMIT ?`);
  const get = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE id = ?`);
  const ack = db.prepare('UPDATE outbox SET acked_at = ? WHERE ack_id = ? AND acked_at IS NULL');
  const byAck = db.prepare(`SELECT ${MESSAGE_COLUMNS} FROM outbox WHERE ack_id = ?`);
  const counts = db.prepare('SELECT recipient, count(*) AS n FROM outbox WHERE created_at >= ? GROUP BY recipient');
  const upsert = db.prepare(CONTACT_UPSERT.replace('PARAMS', '?, ?, ?, ?, ?, ?, ?, ?, ?'));
  const save = db.transaction((rows: readonly Contact[], replace: boolean) => {
    if (replace) db.prepare('DELETE FROM contacts').run();
    for (const c of rows) upsert.run(c.id, c.kind, c.unit, c.name, c.role, c.email, c.chat, c.language, c.updatedAt);
  });
  const contacts = db.prepare(`SELECT ${CONTACT_COLUMNS} FROM contacts ${CONTACT_ORDER}`);
  const delContact = db.prepare('DELETE FROM contacts WHERE id = ?');
  return {
    recipientCounts: async (since) => Object.fromEntries((counts.all(since) as { recipient: string; n: number }[]).map((r) => [r.recipient, r.n])),
    listContacts: async () => contacts.all() as Contact[],
    saveContacts: async (rows, o) => save(rows, o.replace),
    deleteContact: async (id) => delContact.run(id).changes > 0,
    enqueueMessages: async (rows) => enqueue(rows),
    dueMessages: async (now, limit) => due.all(now, limit) as StoredMessage[],
    updateMessage: async (id, u) => {
      upd.run(u.state, u.attempts, u.nextAt, u.lastError, u.sentAt, id);
    },
    listMessages: async ({ limit, unit }) => (unit === undefined ? list.all(limit) : listUnit.all(unit, limit)) as StoredMessage[],
    getMessage: async (id) => (get.get(id) as StoredMessage | undefined) ?? null,
    ackMessage: async (ackId, at) => {
      ack.run(at, ackId);
      return (byAck.get(ackId) as StoredMessage | undefined) ?? null;
    },
  };
}
