import { describe, expect, it } from 'vitest';
import { local, TZ } from '../../tests/helpers/fixtures.js';
import { afterQuiet, render } from './messages.js';

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
