import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { auditOf, guard } from '../auth/guard.js';
import { checkRows, invalid, issueDetails, lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { contactSchema } from '../protocol/notify-routes.js';
import { ROUTES } from '../protocol/routes.js';
import type { Contact } from '../store/contact-rows.js';
import type { NotifyDeps } from './routes.js';

/** A contact's id when none is given: stable for the same kind, unit and email (a re-import updates, never duplicates). */
const idOf = (c: Pick<Contact, 'kind' | 'unit' | 'email'>) =>
  createHash('sha256')
    .update(`${c.kind}|${c.unit ?? ''}|${c.email.toLowerCase()}`)
    .digest('hex')
    .slice(0, 16);

/** Check contact rows (row-precise problems, every row); the valid ones as stored. */
export function checkContacts(raws: readonly unknown[], units: ReadonlySet<string>, now: number) {
  return checkRows(raws, contactSchema, (c, problem): Contact => {
    if (c.kind === 'office' && c.unit !== null) problem('unit', 'not_expected', 'an office contact has no unit');
    if (c.kind !== 'office' && c.unit === null) problem('unit', 'missing', `a ${c.kind} contact needs its unit`);
    if (c.unit !== null && !units.has(c.unit)) problem('unit', 'unknown_unit', `unknown unit "${c.unit}"`);
    return { ...c, id: c.id ?? idOf(c), role: c.role, updatedAt: now };
  });
}

/** GET, POST (add/change, or replace all) and DELETE /api/contacts: administrators only. */
export function registerContacts(http: FastifyInstance, deps: NotifyDeps): void {
  const units = () => new Set(deps.config.geography.versions.flatMap((v) => v.units.map((u) => u.id)).concat(deps.config.units.map((u) => u.id)));
  http.get('/api/contacts', { onRequest: guard(deps, 'admin', 'contacts.list'), schema: schemaOf(ROUTES.contacts) }, async () => ({
    contacts: await deps.store.listContacts(),
  }));

  http.post('/api/contacts', { onRequest: guard(deps, 'admin', 'contacts.post'), schema: schemaOf(ROUTES.saveContacts) }, async (req, reply) => {
    const body = ROUTES.saveContacts.body.safeParse(req.body);
    if (!body.success)
      return refuse(deps, 'contacts.post', req, reply, 400, invalid('The body is not valid; nothing was stored.', issueDetails(body.error.issues)).error);
    const { rows, details } = checkContacts(body.data.contacts, units(), deps.systemNow());
    if (details.length)
      return refuse(deps, 'contacts.post', req, reply, 400, invalid(`${details.length} problem(s) in the contacts; nothing was stored.`, details).error);
    try {
      await deps.store.saveContacts(rows, { replace: body.data.replace });
      await deps.store.appendAudit(
        auditOf(req, 'contacts.post', deps.systemNow, { detail: `${rows.length} contact(s)${body.data.replace ? ', list replaced' : ''}` }),
      );
    } catch (err) {
      return lostCommit(req, reply, err, 'the contacts', 'Sending them again is safe (a contact is keyed by its id).');
    }
    return { saved: rows.length };
  });

  http.delete('/api/contacts/:id', { onRequest: guard(deps, 'admin', 'contacts.delete'), schema: schemaOf(ROUTES.deleteContact) }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!(await deps.store.deleteContact(id))) return refuse(deps, 'contacts.delete', req, reply, 404, invalid(`No contact "${id}".`, []).error);
    await deps.store.appendAudit(auditOf(req, 'contacts.delete', deps.systemNow, { target: id }));
    return { deleted: id };
  });
}
