import type { FastifyInstance } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { invalid, lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { ascii } from '../ingest/sheet/match.js';
import { readTable, SheetError, type Cell } from '../ingest/sheet/table.js';
import { ROUTES } from '../protocol/routes.js';
import { checkContacts } from './contacts.js';
import type { NotifyDeps } from './routes.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column headers, Vietnamese or English, with or without diacritics → the contact field. */
const FIELDS: Record<string, string> = {
  kind: 'kind',
  loai: 'kind',
  unit: 'unit',
  'don vi': 'unit',
  name: 'name',
  'ho ten': 'name',
  'ho va ten': 'name',
  role: 'role',
  'chuc vu': 'role',
  email: 'email',
  chat: 'chat',
  zalo: 'chat',
  telegram: 'chat',
  language: 'language',
  'ngon ngu': 'language',
  id: 'id',
  ma: 'id',
};
/** Kinds as a sheet may write them. */
const KINDS: Record<string, string> = {
  'can bo': 'unit',
  'don vi': 'unit',
  unit: 'unit',
  'lanh dao': 'leader',
  leader: 'leader',
  'van phong': 'office',
  office: 'office',
};

const text = (c: Cell) => (c === null ? '' : c instanceof Date ? c.toISOString() : typeof c === 'object' ? String(c.percent) : String(c).trim());
const key = (s: string) => ascii(s).toLowerCase().replace(/[_-]+/g, ' ').trim();

/** POST /api/contacts/import (admin): contacts from a CSV or XLSX sheet, through the readings' sheet reader; ?dryRun=1 previews; all rows or none. */
export function registerContactsImport(root: FastifyInstance, deps: NotifyDeps): void {
  root.register(async (app) => {
    for (const type of ['text/csv', XLSX, 'application/octet-stream']) {
      app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    }
    const options = { onRequest: guard(deps, 'admin', 'contacts.import'), bodyLimit: 5 * 1024 * 1024, schema: schemaOf(ROUTES.importContacts) };
    app.post('/api/contacts/import', options, async (req, reply) => {
      const dryRun = (req.query as { dryRun?: string }).dryRun === '1';
      if (!(req.body instanceof Buffer))
        return refuse(deps, 'contacts.import', req, reply, 415, { code: 'unsupported_media_type', message: 'Send a CSV or XLSX file.' });
      let table;
      try {
        table = await readTable(new Uint8Array(req.body));
      } catch (err) {
        if (!(err instanceof SheetError)) throw err;
        return refuse(deps, 'contacts.import', req, reply, 400, invalid(`The file cannot be read: ${err.message}`, []).error);
      }
      const fields = table.headers.map((h) => FIELDS[key(h)] ?? null);
      const raws = table.rows.map((r) => {
        const o: Record<string, string | null> = {};
        fields.forEach((f, i) => f && (o[f] = text(r.cells[i] ?? null) || null));
        if (o.kind) o.kind = KINDS[key(o.kind)] ?? o.kind;
        for (const f of ['role', 'language']) if (o[f] === null) delete o[f];
        return o;
      });
      const { rows, details } = checkContacts(
        raws,
        new Set(deps.config.geography.versions.flatMap((v) => v.units.map((u) => u.id)).concat(deps.config.units.map((u) => u.id))),
        deps.systemNow(),
      );
      // Problems name the row of the file (1 = the header row), as the readings' import does.
      const named = details.map((d) => ({ ...d, row: d.row === undefined ? d.row : table.rows[d.row]!.row }));
      if (named.length)
        return refuse(deps, 'contacts.import', req, reply, 400, invalid(`${named.length} problem(s) in the sheet; nothing was stored.`, named).error);
      if (dryRun) return { dryRun: true, saved: 0, contacts: rows };
      try {
        await deps.store.saveContacts(rows, { replace: false });
        await deps.store.appendAudit(auditOf(req, 'contacts.import', deps.systemNow, { detail: `${rows.length} contact(s) from ${table.format}` }));
      } catch (err) {
        return lostCommit(req, reply, err, 'the contacts', 'Sending the file again is safe (a contact is keyed by its id).');
      }
      return { dryRun: false, saved: rows.length, contacts: rows };
    });
  });
}
