import { describe, expect, it } from 'vitest';
import type { Reason } from '../../server/protocol/index.js';
import { indicatorMeta, TZ } from '../../tests/helpers/fixtures.js';
import { dateText, num, placeName, reasonText, valueText } from './i18n.js';

const ind = indicatorMeta('land-database', {
  name: { vi: 'Tiến độ xây dựng cơ sở dữ liệu đất đai', en: 'Land database progress' },
  short: { vi: 'CSDL đất đai', en: 'Land database' },
  weight: 2,
  source: { vi: '', en: '' },
});
const base: Reason = {
  kind: 'behind_pace',
  indicator: 'land-database',
  requiredPace: 4.2,
  achievedPace: 1.1,
  projected: 63,
  target: 100,
  deadline: '2024-09-30',
  slackDays: -40,
  lastAt: '2024-08-31T08:00:00.000+07:00',
};

describe('locale formats', () => {
  it('uses decimal commas in Vietnamese and points in English', () => {
    expect(num('vi', 45.5)).toBe('45,5');
    expect(num('en', 45.5)).toBe('45.5');
    expect(valueText('vi', 45.5, 'percent')).toBe('45,5\u00a0%');
    expect(valueText('vi', 82, 'points')).toBe('82\u00a0điểm');
  });
  it('writes dates as dd/mm/yyyy in the province time zone', () => {
    expect(dateText('2024-09-30', TZ)).toBe('30/09/2024');
    // 20:00 UTC on the 14th is already the 15th in Viet Nam.
    expect(dateText('2024-08-14T20:00:00Z', TZ)).toBe('15/08/2024');
  });
});

describe('reason sentences a leader can repeat', () => {
  it('pace, projection and target in Vietnamese', () => {
    expect(reasonText('vi', base, [ind], TZ)).toBe(
      'CSDL đất đai: cần +4,2\u00a0điểm/tháng, đang đạt +1,1\u00a0điểm/tháng → dự kiến 63\u00a0% vào 30/09, mục tiêu 100\u00a0%',
    );
  });
  it('and in English', () => {
    expect(reasonText('en', base, [ind], TZ)).toBe(
      'Land database: needs +4.2\u00a0pts/month, achieving +1.1\u00a0pts/month → 63\u00a0% projected at 30/09, target 100\u00a0%',
    );
  });
  it('a falling trend says so, with a minus sign', () => {
    expect(reasonText('vi', { ...base, kind: 'no_progress', achievedPace: -0.6 }, [ind], TZ)).toContain('không tiến triển (−0,6\u00a0điểm/tháng)');
  });
  it('a missing report names the period and the due date', () => {
    const r: Reason = { ...base, kind: 'report_missing', indicator: undefined, period: '2024-08', deadline: '2024-08-15T00:00:00.000+07:00' };
    expect(reasonText('vi', r, [ind], TZ)).toBe('Chưa nộp báo cáo tháng 08/2024 (hạn trước 15/08)');
  });
});

describe('names', () => {
  it('keeps Vietnamese place names in English and translates department names', () => {
    const qs = { vi: 'Quế Sơn', en: 'Que Son' };
    expect(placeName(qs, 'area', 'en')).toBe('Quế Sơn');
    expect(placeName({ vi: 'Sở Tư pháp', en: 'Department of Justice' }, 'department', 'en')).toBe('Department of Justice');
  });
});

describe('a target or deadline changed by decision', () => {
  it('is always said in the sentence', () => {
    const moved = {
      ...ind,
      deadline: '2025-06-30',
      revision: { originalTarget: 100, originalDeadline: '2024-09-30', effectiveFrom: '2024-09-25T00:00:00.000+07:00', reason: 'TB 27-TB/TGV', setBy: 'admin' },
    };
    expect(reasonText('vi', { ...base, deadline: '2025-06-30' }, [moved], TZ)).toMatch(/\(† hạn cũ 30\/09\/2024, điều chỉnh từ 25\/09\/2024\)$/);
    expect(reasonText('en', { ...base, deadline: '2025-06-30' }, [moved], TZ)).toMatch(/\(† was due 30\/09\/2024, changed from 25\/09\/2024\)$/);
  });
});
