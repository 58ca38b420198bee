import { describe, expect, it } from 'vitest';
import { local, TZ } from '../../tests/helpers/fixtures.js';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';
import { LiveState } from '../state/live.js';
import type { Contact } from '../store/contact-rows.js';
import { ROOT } from '../../tests/helpers/server.js';
import { afterQuiet, render, toMessages } from './messages.js';
import type { Notice } from './plan.js';
import { DEFAULT_SCHEDULE } from './schedule.js';

const QUIET = { from: '21:00', to: '07:00' };

describe('quiet hours', () => {
  it('outside them: now', () => expect(afterQuiet(local('2024-09-10T08:00:00'), QUIET, TZ)).toBe(local('2024-09-10T08:00:00')));
  it('late evening: held to 07:00 the next morning', () => expect(afterQuiet(local('2024-09-10T22:30:00'), QUIET, TZ)).toBe(local('2024-09-11T07:00:00')));
  it('after midnight: held to 07:00 the same morning', () => expect(afterQuiet(local('2024-09-11T03:00:00'), QUIET, TZ)).toBe(local('2024-09-11T07:00:00')));
  it('a daytime window (12:00–13:30)', () =>
    expect(afterQuiet(local('2024-09-11T12:10:00'), { from: '12:00', to: '13:30' }, TZ)).toBe(local('2024-09-11T13:30:00')));
  it('none', () => expect(afterQuiet(local('2024-09-11T03:00:00'), null, TZ)).toBe(local('2024-09-11T03:00:00')));
});

describe('render', () => {
  it('plain text and HTML carry the words and the link; HTML escapes', () => {
    const r = render({ subject: 's', intro: 'Xã <Tây Hồ> chưa nộp', items: ['Số hóa: cần +4,2 điểm/tháng'] }, 'vi', 'http://x/api/notifications/ack/abc');
    expect(r.text).toBe(
      'Xã <Tây Hồ> chưa nộp\n\n• Số hóa: cần +4,2 điểm/tháng\n\nXác nhận đã nhận: http://x/api/notifications/ack/abc\n\n— Trung tâm Điều hành thông minh (IOC)',
    );
    expect(r.html).toContain('Xã &#60;Tây Hồ&#62; chưa nộp');
    expect(r.html).toContain('href="http://x/api/notifications/ack/abc"');
  });
});

describe('the daily cap and quiet hours on real notices', () => {
  const config = loadConfig(join(ROOT, 'config/quang-nam-2024.json'));
  const at = local('2024-09-15T10:00:00');
  const state = new LiveState(config, { now: () => at, demo: false });
  state.recompute();
  const snapshot = state.snapshot();
  const office: Contact = { id: 'o', kind: 'office', unit: null, name: 'VP', role: '', email: 'o@example.org', chat: null, language: 'en', updatedAt: 0 };
  const notice = (unit: string): Notice => ({
    kind: 'escalation',
    key: `e:${unit}`,
    unit,
    period: null,
    to: [office],
    facts: [{ unit: snapshot.units.find((u) => u.id === unit)!, from: 'at_risk' }],
  });

  it('a contact over the cap waits for the next day, after the quiet hours; the webhook has no cap', () => {
    const notices = ['tam-ky', 'hoi-an', 'dai-loc'].map(notice);
    const schedule = { ...DEFAULT_SCHEDULE, dailyCap: 3 };
    const out = toMessages({ notices, snapshot, schedule, channels: ['email', 'webhook'], now: at, today: { 'o@example.org': 1 } });
    const email = out.filter((m) => m.channel === 'email').map((m) => m.nextAt);
    // One already today: two more leave now, the third is over the cap and waits for tomorrow after the quiet hours.
    expect(email).toEqual([at, at, local('2024-09-16T07:00:00')]);
    expect(out.filter((m) => m.channel === 'webhook')).toHaveLength(3);
    expect(out[0]!.subject).toBe('Alert: Tam Kỳ is now “Off track”');
    expect(new Set(out.map((m) => m.dedupKey)).size).toBe(6);
  });
});
