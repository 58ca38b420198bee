import type { ChangeCause, IndicatorMeta } from '../../server/protocol/index.js';
import { dateText, num, type Lang } from './i18n.js';

/** A value without its unit, and the unit after the second one: "50→60 %". */
function span(lang: Lang, from: number, to: number, ind: IndicatorMeta | undefined): string {
  const unit = ind?.unit === 'percent' ? '\u00a0%' : ind?.unit === 'points' ? (lang === 'vi' ? '\u00a0điểm' : '\u00a0pts') : '';
  return `${num(lang, from)}→${num(lang, to)}${unit}`;
}

/**
 * Why a group of levels changed, as a phrase after the new level: "do nâng mục tiêu Hồ sơ trực
 * tuyến 50→60 %", "after 3 new readings", "deadline passed".
 */
export function causeText(lang: Lang, cause: ChangeCause, indicators: readonly IndicatorMeta[], tz: string): string {
  const vi = lang === 'vi';
  switch (cause.kind) {
    case 'target':
      return cause.targets
        .map((c) => {
          const ind = indicators.find((i) => i.id === c.indicator);
          const name = ind?.short[lang] ?? c.indicator;
          const parts: string[] = [];
          if (c.fromTarget !== c.toTarget) {
            const up = c.toTarget > c.fromTarget;
            const verb = vi ? (up ? 'nâng' : 'hạ') : up ? 'raised' : 'lowered';
            parts.push(
              vi
                ? `do ${verb} mục tiêu ${name} ${span(lang, c.fromTarget, c.toTarget, ind)}`
                : `${name} target ${verb} ${span(lang, c.fromTarget, c.toTarget, ind)}`,
            );
          }
          if (c.fromDeadline !== c.toDeadline) {
            const dates = `${dateText(c.fromDeadline, tz)}→${dateText(c.toDeadline, tz)}`;
            parts.push(vi ? `do đổi hạn ${name} ${dates}` : `${name} deadline moved ${dates}`);
          }
          return parts.join(', ');
        })
        .join('; ');
    case 'data': {
      const parts: string[] = [];
      if (cause.readings) parts.push(vi ? `${cause.readings} số liệu mới` : `${cause.readings} new reading${cause.readings > 1 ? 's' : ''}`);
      if (cause.reports) parts.push(vi ? `${cause.reports} báo cáo mới` : `${cause.reports} new report${cause.reports > 1 ? 's' : ''}`);
      return vi ? `do ${parts.join(', ') || 'dữ liệu mới'}` : `after ${parts.join(', ') || 'new data'}`;
    }
    case 'deadline':
      return vi ? 'do đã quá hạn' : 'deadline passed';
    case 'stale':
      return vi ? 'do số liệu quá cũ' : 'figures went stale';
    default:
      return vi ? 'theo thời gian' : 'with time';
  }
}
