/**
 * The outbox against a real SMTP server and a real HTTP receiver: Vietnamese mail arrives
 * encoded right (text and HTML), the webhook's HMAC verifies, failures retry with backoff, and a
 * kill -9 between storing and sending (or between sending and marking sent) loses nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smtpChannel, webhookChannel, WEBHOOK_HEADERS } from '../../server/notify/channels.js';
import { drain, OutboxSender } from '../../server/notify/sender.js';
import { message } from '../../server/store/outbox-contract.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import type { Store } from '../../server/store/store.js';
import { runCli } from '../helpers/cli.js';
import { startReceiver, startSmtp, type Receiver, type Smtp } from '../helpers/mail.js';

const SECRET = 'a-test-secret-of-some-length';
const SUBJECT = 'Nhắc nộp báo cáo tháng 11 — Phường Tam Kỳ: còn 2 ngày';
const TEXT = 'Kính gửi đồng chí Nguyễn Văn Ánh,\nbáo cáo tháng 11 chưa được nộp; hạn trước ngày 15.';

let smtp: Smtp;
let hook: Receiver;
let dir: string;
let store: Store;
beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtp(), startReceiver()]);
});
afterAll(async () => {
  await Promise.all([smtp?.stop(), hook?.stop()]);
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ioc-notify-'));
  store = openSqliteStore(dir);
  smtp.mails.items.length = 0;
  hook.hooks.items.length = 0;
  hook.answer.status = 204;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('channels', { timeout: 20_000 }, () => {
  it('email: Vietnamese subject and body arrive intact, as plain text and HTML, with the message id', async () => {
    await store.enqueueMessages([message(1, { subject: SUBJECT, text: TEXT, html: `<p>${TEXT.replace('\n', '<br>')}</p>` })]);
    const email = smtpChannel(smtp.url, 'Trung tâm IOC <ioc@example.org>');
    const pass = await new OutboxSender({ store, channels: { email } }).pass();
    email.close?.();
    expect(pass).toEqual({ sent: 1, retrying: 0, failed: 0, noChannel: 0 });
    const [mail] = await smtp.mails.until((m) => m.length === 1);
    expect(mail!.subject).toBe(SUBJECT);
    expect(mail!.text?.trim()).toBe(TEXT);
    expect(mail!.html).toContain('Nguyễn Văn Ánh');
    expect(mail!.messageId).toBe('<m1@ioc.notify>');
    expect(mail!.from?.text).toContain('Trung tâm IOC');
    expect(await store.getMessage('m1')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('webhook: JSON body whose HMAC verifies under the secret, with a timestamp and the message id', async () => {
    await store.enqueueMessages([message(2, { channel: 'webhook', recipient: 'webhook', subject: SUBJECT, data: '{"level":"off_track"}' })]);
    await new OutboxSender({ store, channels: { webhook: webhookChannel(hook.url, SECRET, () => 1_700_000_000_000) } }).pass();
    const [h] = await hook.hooks.until((x) => x.length === 1);
    const expected = createHmac('sha256', SECRET).update(h!.raw).digest();
    const got = Buffer.from(String(h!.headers[WEBHOOK_HEADERS.signature]).replace(/^sha256=/, ''), 'hex');
    expect(timingSafeEqual(expected, got)).toBe(true);
    expect(h!.headers[WEBHOOK_HEADERS.timestamp]).toBe('1700000000');
    expect(h!.headers[WEBHOOK_HEADERS.id]).toBe('m2');
    expect(JSON.parse(h!.raw)).toMatchObject({ id: 'm2', subject: SUBJECT, unit: 'u2', data: { level: 'off_track' }, sentAt: '2023-11-14T22:13:20.000Z' });
    // A tampered body no longer verifies.
    expect(createHmac('sha256', SECRET).update(h!.raw.replace('off_track', 'on_track')).digest().equals(got)).toBe(false);
  });

  it('a refusing receiver: retrying with backoff, then failed after the last attempt', async () => {
    hook.answer.status = 503;
    await store.enqueueMessages([message(3, { channel: 'webhook', recipient: 'webhook' })]);
    let now = 10_000;
    const sender = new OutboxSender({ store, channels: { webhook: webhookChannel(hook.url, SECRET) }, now: () => now, backoffMs: 1000, maxAttempts: 3 });
    expect((await sender.pass()).retrying).toBe(1);
    expect(await store.getMessage('m3')).toMatchObject({ state: 'retrying', attempts: 1, nextAt: 11_000, lastError: 'webhook answered 503' });
    expect((await sender.pass()).retrying).toBe(0); // not before its time
    now = 11_000;
    await sender.pass();
    expect(await store.getMessage('m3')).toMatchObject({ state: 'retrying', attempts: 2, nextAt: 13_000 });
    now = 13_000;
    expect((await sender.pass()).failed).toBe(1);
    expect(hook.hooks.items).toHaveLength(3);
  });

  it('no channel configured: stored and marked not sent, never lost', async () => {
    await store.enqueueMessages([message(4)]);
    expect(await new OutboxSender({ store, channels: {} }).pass()).toMatchObject({ noChannel: 1 });
    expect(await store.getMessage('m4')).toMatchObject({ state: 'no_channel', attempts: 0 });
  });

  it('only the leader sends', async () => {
    await store.enqueueMessages([message(5)]);
    const email = smtpChannel(smtp.url, 'ioc@example.org');
    expect((await new OutboxSender({ store, channels: { email }, isLeader: () => false }).pass()).sent).toBe(0);
    expect((await drain(new OutboxSender({ store, channels: { email } }))).sent).toBe(1);
    email.close?.();
  });
});

describe('a kill -9 in the middle of sending', { timeout: 60_000 }, () => {
  const N = 3;
  const env = () => ({ DATA_DIR: dir, IOC_SMTP_URL: smtp.url, IOC_CONFIG: undefined });
  const crash = async (at: string) => {
    await store.enqueueMessages(Array.from({ length: N }, (_, i) => message(i + 1)));
    const killed = await runCli('notify.ts', ['--send-only'], { ...env(), IOC_TEST_NOTIFY_CRASH: at });
    expect(killed.stderr).toContain(`notify crash point: killed ${at} of message m1`);
    expect(killed.code).toBeNull(); // killed by a signal
    const after = await runCli('notify.ts', ['--send-only'], env());
    expect(after.code, after.stderr).toBe(0);
    const mails = await smtp.mails.until((m) => new Set(m.map((x) => x.messageId)).size === N);
    return mails.map((m) => m.messageId);
  };

  it('after storing, before sending: the restart sends every message, each once', async () => {
    const ids = await crash('before-send');
    expect(ids.sort()).toEqual(['<m1@ioc.notify>', '<m2@ioc.notify>', '<m3@ioc.notify>']);
    expect((await store.listMessages({ limit: 10 })).map((m) => m.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('after sending, before marking sent: the restart sends it again under the same message id, nothing dropped', async () => {
    const ids = await crash('after-send');
    // The one message in flight arrives twice with one Message-ID (receivers dedupe on it); the others once.
    expect(ids.sort()).toEqual(['<m1@ioc.notify>', '<m1@ioc.notify>', '<m2@ioc.notify>', '<m3@ioc.notify>']);
    expect((await store.listMessages({ limit: 10 })).every((m) => m.state === 'sent' && m.attempts === 1)).toBe(true);
  });
});
