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
