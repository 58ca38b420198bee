/** Who gets the notifications: a unit's officers, its leader, the province office. */

/** `unit`: an officer of the unit; `leader`: the leader responsible for the unit; `office`: the province office (no unit). */
export type ContactKind = 'unit' | 'leader' | 'office';

export interface Contact {
  id: string;
  kind: ContactKind;
  /** The unit; null for the province office. */
  unit: string | null;
  name: string;
  role: string;
  email: string;
  /** Optional handle on a chat system (Zalo, Telegram), passed on by the webhook. */
  chat: string | null;
  language: 'vi' | 'en';
  updatedAt: number;
}

/** The contacts part of the Store (both SQLite and PostgreSQL). */
export interface ContactStore {
  /** By kind, unit, name. */
  listContacts(): Promise<Contact[]>;
  /** Replace the whole list in one transaction (an import), or upsert these rows (replace: false). */
  saveContacts(rows: readonly Contact[], o: { replace: boolean }): Promise<void>;
  /** False when there was no such contact. */
  deleteContact(id: string): Promise<boolean>;
}

/** The same table in both dialects. */
export const CONTACTS_TABLE = (int: string) => `
  CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    unit TEXT,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT NOT NULL,
    chat TEXT,
    language TEXT NOT NULL,
    updated_at ${int} NOT NULL
  );
  CREATE INDEX contacts_unit ON contacts (unit);
`;

export const CONTACTS_MIGRATION = 'notifications: contacts of units, their leaders and the province office';

export const CONTACT_COLUMNS = 'id, kind, unit, name, role, email, chat, language, updated_at AS "updatedAt"';
export const CONTACT_ORDER = 'ORDER BY kind, unit, name, id';
export const CONTACT_UPSERT = `INSERT INTO contacts (id, kind, unit, name, role, email, chat, language, updated_at) VALUES (PARAMS)
  ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, unit = excluded.unit, name = excluded.name, role = excluded.role,
    email = excluded.email, chat = excluded.chat, language = excluded.language, updated_at = excluded.updated_at`;
