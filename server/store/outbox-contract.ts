/** The outbox part of the Store contract: SQLite in `npm test`, PostgreSQL in `npm run test:cluster`. Imported by test files only. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreFactory } from './contract.js';
import type { Contact } from './contact-rows.js';
import type { NewMessage } from './outbox-rows.js';
import type { Store } from './store.js';

/** A message for tests: `n` makes its id, dedup key and ack id. */
export const message = (n: number, over: Partial<NewMessage> = {}): NewMessage => ({
  id: `m${n}`,
  dedupKey: `reminder:u${n}:2024-08:c${n}:email`,
  kind: 'reminder',
  unit: `u${n}`,
  period: '2024-08',
  channel: 'email',
  recipient: `c${n}@example.org`,
  subject: 'Nhắc nộp báo cáo tháng 8',
  text: 'Xin chào',
  html: '<p>Xin chào</p>',
  data: '{}',
  ackId: `a${n}`,
  createdAt: 1000 + n,
  nextAt: 1000,
  ...over,
});

/** Run the outbox contract against a store factory. */
export function outboxContract(name: string, factory: StoreFactory): void {
  describe(`${name} outbox`, () => {
    let store: Store;
    beforeEach(async () => {
      await factory.fresh();
      store = await factory.open(() => 5000);
    });
    afterEach(() => store.close());
    afterAll(async () => factory.done?.());

    it('queues each dedup key once, in one transaction', async () => {
      expect(await store.enqueueMessages([message(1), message(2)])).toEqual(['m1', 'm2']);
      expect(await store.enqueueMessages([message(3, { dedupKey: message(1).dedupKey }), message(4)])).toEqual(['m4']);
      const all = await store.listMessages({ limit: 10 });
      expect(all.map((m) => m.id)).toEqual(['m4', 'm2', 'm1']);
      expect(all[0]).toMatchObject({ state: 'queued', attempts: 0, lastError: null, sentAt: null, ackedAt: null, subject: 'Nhắc nộp báo cáo tháng 8' });
    });

    it('due: queued or retrying whose time has come, oldest first; updates stick across a reopen', async () => {
      await store.enqueueMessages([message(1), message(2, { nextAt: 9000 }), message(3)]);
      await store.updateMessage('m3', { state: 'retrying', attempts: 1, nextAt: 2000, lastError: 'boom', sentAt: null });
      await store.updateMessage('m1', { state: 'sent', attempts: 1, nextAt: 1000, lastError: null, sentAt: 1500 });
      expect((await store.dueMessages(1999, 10)).map((m) => m.id)).toEqual([]);
      expect((await store.dueMessages(2000, 10)).map((m) => m.id)).toEqual(['m3']);
      expect((await store.dueMessages(9000, 10)).map((m) => m.id)).toEqual(['m3', 'm2']);
      await store.close();
      store = await factory.open(() => 5000);
      expect(await store.getMessage('m3')).toMatchObject({ state: 'retrying', attempts: 1, nextAt: 2000, lastError: 'boom' });
      expect(await store.getMessage('nope')).toBeNull();
    });

    it('an acknowledgement is recorded once (the first counts); lists by unit', async () => {
      await store.enqueueMessages([message(1), message(2)]);
      expect(await store.ackMessage('a1', 7000)).toMatchObject({ id: 'm1', ackedAt: 7000 });
      expect(await store.ackMessage('a1', 8000)).toMatchObject({ id: 'm1', ackedAt: 7000 });
      expect(await store.ackMessage('zzz', 8000)).toBeNull();
      expect((await store.listMessages({ limit: 10, unit: 'u2' })).map((m) => m.id)).toEqual(['m2']);
      expect(await store.recipientCounts(1002)).toEqual({ 'c2@example.org': 1 });
    });

    it('contacts: upserted, replaced all at once, deleted', async () => {
      const c = (id: string, over: Partial<Contact> = {}): Contact => ({
        id,
        kind: 'unit',
        unit: 'tam-ky',
        name: 'Nguyễn Thị Ánh',
        role: 'Văn thư',
        email: `${id}@example.org`,
        chat: null,
        language: 'vi',
        updatedAt: 1,
        ...over,
      });
      await store.saveContacts([c('b'), c('a', { kind: 'office', unit: null })], { replace: false });
      await store.saveContacts([c('b', { name: 'Trần Bình', chat: '@binh' })], { replace: false });
      expect((await store.listContacts()).map((x) => [x.id, x.name, x.chat])).toEqual([
        ['a', 'Nguyễn Thị Ánh', null],
        ['b', 'Trần Bình', '@binh'],
      ]);
      await store.saveContacts([c('z')], { replace: true });
      expect((await store.listContacts()).map((x) => x.id)).toEqual(['z']);
      expect(await store.deleteContact('z')).toBe(true);
      expect(await store.deleteContact('z')).toBe(false);
    });
  });
}
