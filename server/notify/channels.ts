import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Env } from '../env.js';
import type { ChannelName, StoredMessage } from '../store/outbox-rows.js';

/** A way out for messages. `send` resolves once the far end accepted the message, and throws otherwise. */
export interface Channel {
  readonly name: ChannelName;
  send(m: StoredMessage): Promise<void>;
  close?(): void;
}

/** The Message-ID of a stored message: the same on every attempt, so that a re-send after a crash is recognisable. */
export function messageIdHeader(id: string): string {
  return `<${id}@ioc.notify>`;
}

/** Email through SMTP (`IOC_SMTP_URL`, e.g. smtp://user:pass@host:587); UTF-8 subjects and bodies, plain text plus HTML. */
export function smtpChannel(url: string, from: string): Channel {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'email',
    async send(m) {
      await transport.sendMail({ from, to: m.recipient, subject: m.subject, text: m.text, html: m.html, messageId: messageIdHeader(m.id) });
    },
    close: () => transport.close(),
  };
}

/** The header names of the webhook. */
export const WEBHOOK_HEADERS = { signature: 'x-ioc-signature', timestamp: 'x-ioc-timestamp', id: 'x-ioc-message-id' } as const;

/** `sha256=<hex HMAC-SHA256 of the raw body>` under the shared secret. */
export function signWebhook(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** The JSON a webhook receiver gets (the body that is signed). */
export function webhookBody(m: StoredMessage, sentAt: number): string {
  const data: unknown = JSON.parse(m.data);
  return JSON.stringify({
    id: m.id,
    kind: m.kind,
    unit: m.unit,
    period: m.period,
    recipient: m.recipient,
    subject: m.subject,
    text: m.text,
    data,
    createdAt: new Date(m.createdAt).toISOString(),
    sentAt: new Date(sentAt).toISOString(),
  });
}

/** A signed webhook (`IOC_WEBHOOK_URL`, `IOC_WEBHOOK_SECRET`): a POST of JSON; any 2xx is delivery, anything else a failure to retry. */
export function webhookChannel(url: string, secret: string, now: () => number = Date.now, timeoutMs = 10_000): Channel {
  return {
    name: 'webhook',
    async send(m) {
      const t = now();
      const body = webhookBody(m, t);
      const res = await fetch(url, {
        method: 'POST',
        body,
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, body),
          [WEBHOOK_HEADERS.timestamp]: String(Math.floor(t / 1000)),
          [WEBHOOK_HEADERS.id]: m.id,
        },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}

/** The channels configured in the environment (none: messages are stored and shown, state no_channel). */
export function channelsFromEnv(env: Pick<Env, 'IOC_SMTP_URL' | 'IOC_SMTP_FROM' | 'IOC_WEBHOOK_URL' | 'IOC_WEBHOOK_SECRET'>): Channels {
  const out: Channels = {};
  if (env.IOC_SMTP_URL) out.email = smtpChannel(env.IOC_SMTP_URL, env.IOC_SMTP_FROM ?? 'Trung tâm IOC <ioc@localhost>');
  // env.ts refuses a webhook URL without its secret.
  if (env.IOC_WEBHOOK_URL && env.IOC_WEBHOOK_SECRET) out.webhook = webhookChannel(env.IOC_WEBHOOK_URL, env.IOC_WEBHOOK_SECRET);
  return out;
}

/** The channels a server has, by name. */
export type Channels = Partial<Record<ChannelName, Channel>>;
