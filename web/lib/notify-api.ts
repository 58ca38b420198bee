import type { Body, Reply, ROUTES } from '../../server/protocol/routes.js';
import type { Http } from './http.js';

/** The outbox as the admin page lists it. */
export type Outbox = Reply<typeof ROUTES.outbox>;
export type OutboxMessage = Outbox['messages'][number];
export type ContactRow = Reply<typeof ROUTES.contacts>['contacts'][number];

/** The notification routes (server/protocol/notify-routes.ts), typed by their contract, on an HTTP client carrying the admin's token. */
export function notifyApi(http: Http) {
  return {
    outbox: () => http.result<Outbox>('/api/notifications?limit=300'),
    run: () => http.result<Reply<typeof ROUTES.notificationsRun>>('/api/notifications/run', { body: {} }),
    resend: (id: string) => http.result<Reply<typeof ROUTES.resend>>(`/api/notifications/${encodeURIComponent(id)}/resend`, { body: {} }),
    contacts: () => http.result<Reply<typeof ROUTES.contacts>>('/api/contacts'),
    saveContacts: (body: Body<typeof ROUTES.saveContacts>) => http.result<Reply<typeof ROUTES.saveContacts>>('/api/contacts', { body }),
    deleteContact: (id: string) => http.result<Reply<typeof ROUTES.deleteContact>>(`/api/contacts/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

export type NotifyApi = ReturnType<typeof notifyApi>;
