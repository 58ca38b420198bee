import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ notifyMs: 0 });
});
afterAll(() => srv?.stop());

it('a fresh demo has example contacts, and a run queues messages naming units; with no channel they are stored as not sent', { timeout: 20_000 }, async () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const contacts = (await (await fetch(`${srv.url}/api/contacts`, { headers: auth })).json()) as { contacts: { email: string }[] };
  expect(contacts.contacts.length).toBeGreaterThan(10);
  expect(contacts.contacts.every((c) => c.email.endsWith('@example.org'))).toBe(true);
  const res = await fetch(`${srv.url}/api/notifications/run`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  const run = (await res.json()) as { queued: { unit: string | null; subject: string }[]; channels: string[] };
  expect(res.status).toBe(200);
  expect(run.channels).toEqual([]);
  const named = run.queued.filter((q) => q.unit !== null);
  expect(named.length).toBeGreaterThan(0);
  const name = srv.state.snapshot().units.find((u) => u.id === named[0]!.unit)!.name.vi;
  expect(named[0]!.subject).toContain(name);
  // The sender marks them: no channel configured, never lost.
  await srv.sender.pass();
  const list = (await (await fetch(`${srv.url}/api/notifications?limit=5`, { headers: auth })).json()) as { messages: { state: string }[] };
  expect(list.messages.map((m) => m.state)).toEqual(Array(list.messages.length).fill('no_channel'));
});

it('contacts: a bad row names its row and field, and nothing is stored', async () => {
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const before = ((await (await fetch(`${srv.url}/api/contacts`, { headers: auth })).json()) as { contacts: unknown[] }).contacts.length;
  const rows = [
    { kind: 'unit', unit: 'tam-ky', name: 'Lê Văn Tâm', email: 'tam@example.org' },
    { kind: 'unit', unit: 'tam-ky', name: 'X', email: 'not-an-address' },
    { kind: 'leader', unit: 'no-such-unit', name: 'Y', email: 'y@example.org' },
  ];
  const res = await fetch(`${srv.url}/api/contacts`, { method: 'POST', headers: auth, body: JSON.stringify({ contacts: rows }) });
  expect(res.status).toBe(400);
  const { error } = (await res.json()) as { error: { details: { row: number; field: string }[] } };
  expect(error.details.map((d) => [d.row, d.field]).sort()).toEqual([
    [1, 'email'],
    [2, 'unit'],
  ]);
  const after = ((await (await fetch(`${srv.url}/api/contacts`, { headers: auth })).json()) as { contacts: unknown[] }).contacts.length;
  expect(after).toBe(before);
});

it('contacts from a CSV sheet (Vietnamese headers): a bad row is named by its line and nothing is stored; a dry run previews; then saved', async () => {
  const send = (csv: string, q = '') =>
    fetch(`${srv.url}/api/contacts/import${q}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: csv });
  const head = 'Loại;Đơn vị;Họ tên;Chức vụ;Email\n';
  const bad = await send(`${head}Cán bộ;tam-ky;Phạm Thị Hoa;Văn thư;hoa@example.org\nLãnh đạo;tam-ky;Võ Minh;Chủ tịch;khong-phai-email\n`);
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: { details: { row: number; field: string }[] } }).error.details).toMatchObject([{ row: 3, field: 'email' }]);
  const good = `${head}Cán bộ;tam-ky;Phạm Thị Hoa;Văn thư;hoa@example.org\nLãnh đạo;tam-ky;Võ Minh;Chủ tịch;minh@example.org\n`;
  const preview = (await (await send(good, '?dryRun=1')).json()) as { dryRun: boolean; contacts: { kind: string; name: string }[] };
  expect(preview.dryRun).toBe(true);
  expect(preview.contacts.map((c) => [c.kind, c.name])).toEqual([
    ['unit', 'Phạm Thị Hoa'],
    ['leader', 'Võ Minh'],
  ]);
  const auth = { authorization: `Bearer ${TOKEN}` };
  const has = async () =>
    ((await (await fetch(`${srv.url}/api/contacts`, { headers: auth })).json()) as { contacts: { email: string }[] }).contacts.some(
      (c) => c.email === 'hoa@example.org',
    );
  expect(await has()).toBe(false);
  expect(((await (await send(good)).json()) as { saved: number }).saved).toBe(2);
  expect(await has()).toBe(true);
});
