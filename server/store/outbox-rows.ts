/** The outbox's rows: every message is stored before it is sent (server/notify/). */

/** queued → sent; on a failure retrying (with backoff) then failed; no_channel: computed but nothing configured to carry it. */
export type MessageState = 'queued' | 'retrying' | 'sent' | 'failed' | 'no_channel';

/** How a message travels. */
export type ChannelName = 'email' | 'webhook';

export interface NewMessage {
  /** Opaque, random: the idempotency key of the send (SMTP Message-ID, webhook X-IOC-Message-Id). */
  id: string;
  /** Running the schedule twice never queues twice: (kind, unit, period, recipient, channel). */
  dedupKey: string;
  kind: string;
  unit: string | null;
  period: string | null;
  channel: ChannelName;
  /** An email address, or the webhook's name. */
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** JSON: the structured content a webhook receiver reads. */
  data: string;
  /** Opaque: the acknowledgement link's key. */
  ackId: string;
  createdAt: number;
  /** Not before (quiet hours hold a message until they end). */
  nextAt: number;
}

export interface StoredMessage extends NewMessage {
  state: MessageState;
  attempts: number;
  lastError: string | null;
  sentAt: number | null;
  ackedAt: number | null;
}

/** What a send attempt changes. */
export interface MessageUpdate {
  state: MessageState;
  attempts: number;
  nextAt: number;
  lastError: string | null;
  sentAt: number | null;
}

/** The outbox part of the Store (both SQLite and PostgreSQL). */
export interface OutboxStore {
  /** Insert the messages whose dedup key is new, in one transaction; resolves with the ids inserted. */
  enqueueMessages(rows: readonly NewMessage[]): Promise<string[]>;
  /** Messages to send now: queued or retrying with nextAt ≤ now, oldest first. */
  dueMessages(now: number, limit: number): Promise<StoredMessage[]>;
  updateMessage(id: string, u: MessageUpdate): Promise<void>;
  /** Newest first. */
  listMessages(o: { limit: number; unit?: string }): Promise<StoredMessage[]>;
  getMessage(id: string): Promise<StoredMessage | null>;
  /** How many messages each recipient was given since `since` (the per-contact daily cap). */
  recipientCounts(since: number): Promise<Record<string, number>>;
  /** Record the acknowledgement of the message with this ack id (the first one counts); null when there is none. */
  ackMessage(ackId: string, at: number): Promise<StoredMessage | null>;
}

/** The same columns in both dialects. */
export const OUTBOX_TABLE = (int: string) => `
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    dedup_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    unit TEXT,
    period TEXT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    data TEXT NOT NULL,
    ack_id TEXT NOT NULL UNIQUE,
    created_at ${int} NOT NULL,
    next_at ${int} NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at ${int},
    acked_at ${int}
  );
  CREATE INDEX outbox_due ON outbox (state, next_at);
  CREATE INDEX outbox_unit ON outbox (unit, created_at);
`;

/** The outbox migration's name (SQLite 10, PostgreSQL 10). */
export const OUTBOX_MIGRATION = 'notifications: the outbox (every message stored before it is sent)';

/** The select list that reads a row as a StoredMessage (quoted for PostgreSQL's case folding). */
export const MESSAGE_COLUMNS =
  'id, dedup_key AS "dedupKey", kind, unit, period, channel, recipient, subject, text, html, data, ack_id AS "ackId", created_at AS "createdAt", next_at AS "nextAt", state, attempts, last_error AS "lastError", sent_at AS "sentAt", acked_at AS "ackedAt"';
