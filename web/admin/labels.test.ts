import { describe, expect, it } from 'vitest';
import { dmy, expiryLabel, messageKindLabel, parseDmy, playlistLabel, ROLE_LABEL, sceneLabel } from './labels.js';

describe('admin labels', () => {
  it('reads dates as day/month/year, never month/day', () => {
    expect(parseDmy('03/09/2025', 'vi')).toEqual({ ok: true, iso: '2025-09-03' });
    expect(parseDmy('3/9/2025', 'vi')).toEqual({ ok: true, iso: '2025-09-03' });
    expect(parseDmy('31/02/2025', 'vi')).toEqual({ ok: false, message: 'Ngày 31/02/2025 không có thật (ngày/tháng/năm)' });
    expect(parseDmy('2025-09-03', 'en')).toMatchObject({ ok: false, message: expect.stringContaining('day/month/year') });
    expect(parseDmy('09/13/2025', 'vi').ok).toBe(false);
    expect(dmy('2025-09-03')).toBe('03/09/2025');
    expect(dmy('2025-09-03T00:00:00.000+07:00')).toBe('03/09/2025');
  });

  it('names roles, playlists, scenes and lifetimes as people say them', () => {
    expect(ROLE_LABEL.admin.vi).toBe('Quản trị');
    expect(ROLE_LABEL.display.vi).toBe('Màn hình');
    expect(ROLE_LABEL.unit.vi).toBe('Đơn vị');
    expect(playlistLabel('control-room', 'vi')).toBe('Phòng điều hành');
    expect(playlistLabel('overview-only', 'vi')).toBe('Tổng quan');
    expect(playlistLabel('constructor', 'vi')).toBe('constructor');
    expect(sceneLabel({ scene: 'ranking' } as never, 'vi', () => undefined)).toBe('Xếp hạng');
    expect(sceneLabel({ scene: 'indicator', indicator: 'x' } as never, 'vi', () => 'Hồ sơ trực tuyến')).toBe('Hồ sơ trực tuyến');
    expect(expiryLabel('180d', 'vi')).toBe('180\u00a0ngày');
    expect(expiryLabel('12h', 'en')).toBe('12\u00a0hours');
    expect(expiryLabel('never', 'vi')).toBe('Không hết hạn');
  });
});

describe('messageKindLabel', () => {
  it('names the kinds the notifier sends in Vietnamese and English', () => {
    expect(messageKindLabel('late', 'vi')).toBe('Báo cáo trễ hạn');
    expect(messageKindLabel('remind', 'en')).toBe('Report reminder');
  });
  it('shows an unknown kind as the server names it', () => expect(messageKindLabel('new-kind', 'vi')).toBe('new-kind'));
});
