/** Notices become stored messages: one per contact and channel, with words, an acknowledgement link, quiet hours and the daily cap. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Snapshot } from '../protocol/state.js';
import type { Contact } from '../store/contact-rows.js';
import type { ChannelName, NewMessage } from '../store/outbox-rows.js';
import { DAY_MS, localFields, localInstant } from '../time/local.js';
import { compose, type Words } from './compose.js';
import type { Notice } from './plan.js';
import type { NotificationSchedule } from './schedule.js';

/** The acknowledgement link of a message (GET records it). */
export const ackPath = (ackId: string) => `/api/notifications/ack/${ackId}`;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text and HTML bodies of the words, with the acknowledgement link. */
export function render(w: Words, lang: 'vi' | 'en', link: string): { text: string; html: string } {
  const ack = lang === 'vi' ? 'Xác nhận đã nhận' : 'Acknowledge';
  const sig = lang === 'vi' ? 'Trung tâm Điều hành thông minh (IOC)' : 'Intelligent Operations Centre (IOC)';
  const text = [w.intro, '', ...w.items.map((i) => `• ${i}`), '', `${ack}: ${link}`, '', `— ${sig}`].join('\n');
  const html = `<!doctype html><html lang="${lang}"><meta charset="utf-8"><body style="font-family:system-ui,sans-serif;color:#1b2433;max-width:40em">
<p>${escape(w.intro)}</p>${w.items.length ? `<ul>${w.items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>` : ''}
<p><a href="${escape(link)}" style="display:inline-block;padding:.5em 1em;background:#1f5fae;color:#fff;text-decoration:none;border-radius:4px">${ack}</a></p>
<p style="color:#5b6779">— ${escape(sig)}</p></body></html>`;
  return { text, html };
}

/** When a message may leave: `at`, or the end of quiet hours if `at` falls in them. */
export function afterQuiet(at: number, quiet: NotificationSchedule['quietHours'], tz: string): number {
  if (!quiet) return at;
  const { year, month, day, date } = localFields(at, tz);
  const mins = date.getUTCHours() * 60 + date.getUTCMinutes();
  const [fh, fm] = quiet.from.split(':').map(Number) as [number, number];
  const [th, tm] = quiet.to.split(':').map(Number) as [number, number];
  const from = fh * 60 + fm;
  const to = th * 60 + tm;
  const inQuiet = from <= to ? mins >= from && mins < to : mins >= from || mins < to;
  if (!inQuiet) return at;
  // The quiet hours end today when they wrap past midnight and it is after midnight, else tomorrow.
  const endsToday = from > to ? mins < to : true;
  const end = localInstant(tz, year, month, day, th, tm);
  return endsToday ? end : end + DAY_MS;
}

export interface MessageInput {
  notices: readonly Notice[];
  snapshot: Snapshot;
  schedule: NotificationSchedule;
  /** The channels messages go out on (none configured: email, stored as not sent). */
  channels: readonly ChannelName[];
  now: number;
  /** Messages already given to each recipient today (the daily cap). */
  today: Readonly<Record<string, number>>;
}

/** One message per contact (email) and per notice (webhook), in the contact's language. */
export function toMessages(o: MessageInput): NewMessage[] {
  const tz = o.snapshot.province.timezone;
  const counts = new Map(Object.entries(o.today));
  const { year, month, day } = localFields(o.now, tz);
  const tomorrow = localInstant(tz, year, month, day) + DAY_MS;
  const leave = afterQuiet(o.now, o.schedule.quietHours, tz);
  const out: NewMessage[] = [];
  const add = (n: Notice, channel: ChannelName, recipient: string, contact: Contact | null, lang: 'vi' | 'en') => {
    const sent = contact ? (counts.get(recipient) ?? 0) : 0;
    counts.set(recipient, sent + 1);
    // A contact over the cap: held to the next day (and past its quiet hours). The webhook has no cap.
    const nextAt = sent >= o.schedule.dailyCap ? afterQuiet(tomorrow, o.schedule.quietHours, tz) : leave;
    const ackId = randomBytes(18).toString('base64url');
    const words = compose(n, lang, o.snapshot);
    const link = new URL(ackPath(ackId), o.schedule.publicUrl).href;
    const facts = n.facts.map((f) => ({ unit: f.unit.id, level: f.unit.level, from: f.from ?? null, dueAt: f.dueAt ?? null, reason: f.unit.reason }));
    out.push({
      id: randomUUID(),
      dedupKey: `${n.key}:${contact?.id ?? '-'}:${channel}`,
      kind: n.kind,
      unit: n.unit,
      period: n.period,
      channel,
      recipient,
      subject: words.subject,
      ...render(words, lang, link),
      data: JSON.stringify({ ack: link, contact: contact && { name: contact.name, role: contact.role, chat: contact.chat }, facts }),
      ackId,
      createdAt: o.now,
      nextAt,
    });
  };
  for (const n of o.notices) {
    if (o.channels.includes('email') || !o.channels.length) for (const c of n.to) add(n, 'email', c.email, c, c.language);
    if (o.channels.includes('webhook')) add(n, 'webhook', 'webhook', null, 'vi');
  }
  return out;
}
