import type { FastifyInstance } from 'fastify';
import { auditOf, guard, type GuardDeps } from '../auth/guard.js';
import type { AppConfig } from '../config/types.js';
import { invalid, issueDetails, lostCommit, refuse } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { ROUTES } from '../protocol/routes.js';
import type { Snapshot } from '../protocol/state.js';
import type { ChannelName, StoredMessage } from '../store/outbox-rows.js';
import type { DataClock } from '../time/clock.js';
import { registerContacts } from './contacts.js';
import { registerContactsImport } from './contacts-import.js';
import { runNotifications } from './run.js';
import { resend, type OutboxSender } from './sender.js';

export interface NotifyDeps extends GuardDeps {
  config: AppConfig;
  dataClock: DataClock;
  sender: OutboxSender;
  /** The state at an instant, computed from the store (the live one may lag a manual or paused clock). */
  stateAt: (t: number) => Promise<Snapshot>;
  channels: readonly ChannelName[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A stored message as the admin page lists it (no HTML body, no ack id: the link is the recipient's). */
export function listed(m: StoredMessage) {
  const { html: _html, data: _data, dedupKey: _key, ackId: _ack, ...rest } = m;
  return { ...rest, createdAt: iso(m.createdAt)!, nextAt: iso(m.nextAt)!, sentAt: iso(m.sentAt), ackedAt: iso(m.ackedAt) };
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><body style="font-family:system-ui,sans-serif;background:#0d1626;color:#e6edf7;padding:2em"><h1 style="font-size:1.4em">${title}</h1><p>${body}</p></body></html>`;

/** The notification routes: run (admin), the outbox and resend (admin), the acknowledgement link (anyone holding it), contacts (admin). */
export function registerNotifications(http: FastifyInstance, deps: NotifyDeps): void {
  http.post('/api/notifications/run', { onRequest: guard(deps, 'admin', 'notifications.run'), schema: schemaOf(ROUTES.notificationsRun) }, async (req) => {
    const now = deps.dataClock.now();
    const snapshot = await deps.stateAt(now);
    const result = await runNotifications({ store: deps.store, snapshot, schedule: deps.config.notifications, channels: deps.channels, now });
    await deps.store.appendAudit(auditOf(req, 'notifications.run', deps.systemNow, { detail: `queued ${result.queued.length}` }));
    // Sending is the sender's (leader's) job: start a pass now rather than at its next tick.
    void deps.sender.pass().catch((err: unknown) => req.log.error({ err }, 'outbox: a send pass failed'));
    return { ...result, channels: [...deps.channels] };
  });

  http.get('/api/notifications', { onRequest: guard(deps, 'admin', 'notifications.list'), schema: schemaOf(ROUTES.outbox) }, async (req, reply) => {
    const p = ROUTES.outbox.query.safeParse(req.query);
    if (!p.success) return reply.code(400).send(invalid('Expected ?limit=1..1000 and optionally ?unit=<id>.', issueDetails(p.error.issues)));
    const q = p.data;
    const messages = await deps.store.listMessages({ limit: q.limit, ...(q.unit !== undefined && { unit: q.unit }) });
    return { messages: messages.map(listed), channels: [...deps.channels] };
  });

  http.post(
    '/api/notifications/:id/resend',
    { onRequest: guard(deps, 'admin', 'notifications.resend'), schema: schemaOf(ROUTES.resend) },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      if (!(await deps.store.getMessage(id))) {
        return refuse(deps, 'notifications.resend', req, reply, 404, invalid(`No message "${id}" in the outbox.`, []).error);
      }
      let m: StoredMessage | null;
      try {
        m = await resend(deps.store, id, deps.systemNow());
        await deps.store.appendAudit(auditOf(req, 'notifications.resend', deps.systemNow, { target: id }));
      } catch (err) {
        return lostCommit(req, reply, err, 'the resend', 'Sending it again is safe.');
      }
      void deps.sender.pass().catch((err: unknown) => req.log.error({ err }, 'outbox: a send pass failed'));
      return listed(m!);
    },
  );

  http.get('/api/notifications/ack/:ackId', { schema: schemaOf(ROUTES.ack) }, async (req, reply) => {
    const { ackId } = req.params as { ackId: string };
    const m = await deps.store.ackMessage(ackId, deps.dataClock.now());
    reply.type('text/html; charset=utf-8');
    if (!m) return reply.code(404).send(page('Không tìm thấy thông báo', 'Liên kết không đúng hoặc đã hết hạn. / This link is not valid.'));
    return page('Đã ghi nhận — Acknowledged', `Cảm ơn. Trung tâm đã ghi nhận đơn vị đã nhận thông báo «${m.subject.replace(/[<>&"]/g, '')}».`);
  });

  registerContacts(http, deps);
  registerContactsImport(http, deps);
}
