import type { IndicatorMeta, Reason } from '../../server/protocol/index.js';
import { daysText, gapText, valueText } from '../lib/format.js';
import { dateText, periodText } from '../lib/i18n.js';
import { daysBetween, localDate } from './deadlines.js';

type Lang = 'vi' | 'en';

/** A ranked row on the wall, read from 5 m: one big figure and a short phrase (the full sentence stays on touch and in briefings). */
export interface Headline {
  figure: string;
  phrase: string;
}

const W = {
  overdue: { vi: 'quá hạn', en: 'overdue' },
  projected: { vi: 'dự kiến', en: 'projected' },
  target: { vi: 'mục tiêu', en: 'target' },
  noData: { vi: 'chưa có số liệu', en: 'nothing reported' },
  stale: { vi: 'số liệu cũ từ', en: 'last figures' },
  missing: { vi: 'chưa nộp báo cáo', en: 'report not filed' },
  late: { vi: 'nộp báo cáo trễ', en: 'report filed late' },
  met: { vi: 'đã đạt mục tiêu', en: 'target met' },
  dueToday: { vi: 'hạn hôm nay', en: 'due today' },
} as const;

/**
 * The figure that says most about a unit's reason: the gap between projection and target
 * ("−15,7 điểm"; a percentage gap is in points), days late, or days without figures; and a
 * phrase naming the indicator and what the figure is.
 */
export function headline(lang: Lang, r: Reason, indicators: readonly IndicatorMeta[], asOf: string, tz: string): Headline {
  const ind = indicators.find((i) => i.id === r.indicator);
  const short = ind ? `${ind.short[lang]} · ` : '';
  const unit = ind?.unit ?? 'percent';
  const v = (x: number) => valueText(lang, x, unit);
  switch (r.kind) {
    case 'overdue':
      return { figure: daysText(lang, r.slackDays ?? 0), phrase: `${short}${W.overdue[lang]}` };
    case 'no_data':
      return { figure: '—', phrase: `${short}${W.noData[lang]}` };
    case 'stale':
      return r.lastAt
        ? {
            figure: daysText(lang, daysBetween(localDate(r.lastAt, tz), localDate(asOf, tz))),
            phrase: `${short}${W.stale[lang]} ${dateText(r.lastAt, tz, false)}`,
          }
        : { figure: '—', phrase: `${short}${W.noData[lang]}` };
    case 'report_missing':
    case 'report_late':
      return { figure: periodText(r.period ?? ''), phrase: W[r.kind === 'report_missing' ? 'missing' : 'late'][lang] };
    case 'met':
      return { figure: r.target === null ? '✓' : v(r.target), phrase: `${short}${W.met[lang]}` };
    default: {
      if (r.projected === null || r.target === null) return { figure: '—', phrase: `${short}${W.noData[lang]}` };
      const sign = ind?.direction === 'down' ? -1 : 1;
      // A gap between percentages is in percentage points.
      const figure = gapText(lang, sign * (r.projected - r.target), unit === 'count' ? 'count' : 'points');
      const what = r.kind === 'due_today' ? W.dueToday[lang] : `${W.projected[lang]} ${v(r.projected)}`;
      return { figure, phrase: `${short}${what}` };
    }
  }
}
