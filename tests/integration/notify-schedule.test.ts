/**
 * The schedule through the real server on a controlled data clock, with a real SMTP server and a
 * real webhook receiver: the right units get the right reminders on the right days, running twice
 * sends nothing twice, a change that worsens many units at once is one grouped message.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpChannel, webhookChannel, WEBHOOK_HEADERS } from '../../server/notify/channels.js';
import { local } from '../helpers/fixtures.js';
import { startReceiver, startSmtp, type Receiver, type Smtp } from '../helpers/mail.js';
import { manualClock, ROOT, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const SECRET = 'schedule-test-secret-123';
const clock = manualClock(local('2024-08-10T09:00:00'), false);
let srv: TestServer;
let smtp: Smtp;
let hook: Receiver;

const post = async (path: string, body: unknown) => {
  const res = await fetch(srv.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { queued: { kind: string; recipient: string; channel: string; subject: string }[] } };
};
const runAt = async (iso: string) => {
  clock.set(local(iso));
  const r = await post('/api/notifications/run', {});
  expect(r.status).toBe(200);
  return r.json.queued.filter((q) => q.channel === 'email').map((q) => `${q.kind} → ${q.recipient}`);
};

beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtp(), startReceiver()]);
  srv = await startServer({
    configFile: `${ROOT}/config/quang-nam-2024.json`,
    demo: false,
    clock,
    notifyMs: 0,
    channels: { email: smtpChannel(smtp.url, 'Trung tâm IOC <ioc@example.org>'), webhook: webhookChannel(hook.url, SECRET) },
  });
  const units = srv.state
    .snapshot()
    .units.filter((u) => !u.notReporting)
    .map((u) => u.id);
  expect((await post('/api/reports', { reports: units.map((unit) => ({ unit, period: '2024-08' })) })).status).toBe(200);
  const c = (id: string, kind: string, unit: string | null) => ({ id, kind, unit, name: `Cán bộ ${id}`, role: 'Văn phòng', email: `${id}@example.org` });
  const saved = await post('/api/contacts', {
    contacts: [c('tk', 'unit', 'tam-ky'), c('tk-lead', 'leader', 'tam-ky'), c('ha', 'unit', 'hoi-an'), c('office', 'office', null)],
  });
  expect(saved.status).toBe(200);
  clock.set(local('2024-09-09T10:00:00'));
  expect((await post('/api/reports', { reports: [{ unit: 'hoi-an', period: '2024-09' }] })).status).toBe(200);
}, 30_000);
afterAll(async () => {
  await srv?.stop();
  await Promise.all([smtp?.stop(), hook?.stop()]);
});

describe('reminders, late notices and escalation on the data clock', { timeout: 30_000 }, () => {
  it('10/09 (5 days before the 15th): Tam Kỳ, which has not filed, is reminded; Hội An, which has, is not', async () => {
    expect(await runAt('2024-09-10T08:00:00')).toEqual(['remind → tk@example.org']);
    const [mail] = await smtp.mails.until((m) => m.length === 1);
    expect(mail!.subject).toBe('Nhắc nộp báo cáo tháng 09/2024 — Tam Kỳ: còn 5 ngày');
    expect(mail!.text).toMatch(/Xác nhận đã nhận: http:\/\/127\.0\.0\.1:8080\/api\/notifications\/ack\/\S+/);
  });

  it('running again sends nothing twice', async () => expect(await runAt('2024-09-11T08:00:00')).toEqual([]));

  it('13/09: the second reminder', async () => expect(await runAt('2024-09-13T08:00:00')).toEqual(['remind → tk@example.org']));

  it('15/09: the late unit and its leader; the units that all slipped at once: one grouped message to the office', async () => {
    const queued = await runAt('2024-09-15T08:00:00');
    expect(queued.sort()).toEqual(['escalation-group → office@example.org', 'late → tk-lead@example.org', 'late → tk@example.org']);
    const mails = await smtp.mails.until((m) => m.length === 5);
    const group = mails.find((m) => m.to && 'text' in m.to && m.to.text.includes('office@'))!;
    expect(group.subject).toMatch(/^Cảnh báo: \d+ đơn vị cùng xấu đi$/);
    expect(group.text).toContain('Tam Kỳ');
  });

  it('the webhook got one signed call per notice, each verifying', async () => {
    const hooks = await hook.hooks.until((h) => h.length === 4);
    for (const h of hooks) expect(h.headers[WEBHOOK_HEADERS.signature]).toBe(`sha256=${createHmac('sha256', SECRET).update(h.raw).digest('hex')}`);
    expect(hooks.map((h) => (JSON.parse(h.raw) as { kind: string }).kind).sort()).toEqual(['escalation-group', 'late', 'remind', 'remind']);
  });

  it('the acknowledgement link records the acknowledgement once', async () => {
    const link = /(http:\/\/\S+\/api\/notifications\/ack\/\S+)/.exec(smtp.mails.items[0]!.text!)![1]!;
    const res = await fetch(srv.url + new URL(link).pathname);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Đã ghi nhận');
    const list = await fetch(`${srv.url}/api/notifications?unit=tam-ky`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const { messages } = (await list.json()) as { messages: { kind: string; ackedAt: string | null; state: string }[] };
    expect(messages.filter((m) => m.ackedAt !== null)).toHaveLength(1);
    expect((await fetch(`${srv.url}/api/notifications/ack/not-a-real-ack-id`)).status).toBe(404);
  });

  it('the unit detail says whether the latest reminder was acknowledged and the report filed', async () => {
    const detail = (await (await fetch(`${srv.url}/api/units/tam-ky`)).json()) as { reminder: { kind: string; note: { vi: string } } | null };
    expect(detail.reminder).toMatchObject({ kind: 'late', note: { vi: 'chưa xác nhận nhắc 15/09, chưa nộp' } });
    const none = (await (await fetch(`${srv.url}/api/units/dai-loc`)).json()) as { reminder: unknown };
    expect(none.reminder).toBeNull();
  });

  it('a briefing frozen at an instant shows the reminder as known then', async () => {
    const at = async (asOf: string) =>
      (
        (await (await fetch(`${srv.url}/api/units/tam-ky?asOf=${encodeURIComponent(asOf)}`)).json()) as {
          reminder: { kind: string; note: { vi: string } } | null;
        }
      ).reminder;
    expect(await at('2024-09-15T08:00:00+07:00')).toMatchObject({ kind: 'late', note: { vi: 'chưa xác nhận nhắc 15/09, chưa nộp' } });
    expect(await at('2024-09-12T09:00:00+07:00')).toMatchObject({ kind: 'remind', note: { vi: 'chưa xác nhận nhắc 10/09, chưa nộp' } });
    expect(await at('2024-09-01T09:00:00+07:00')).toBeNull();
  });
});
