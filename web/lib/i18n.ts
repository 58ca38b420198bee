import type { IndicatorMeta, Level, Localized, Reason, ReportStatus, Revision, ValueUnit } from '../../server/protocol/index.js';
import { daysText, NBSP, signedNum, valueText } from './format.js';
import strings from './strings.json';
import { taskReasonText } from './tasks.js';

export type Lang = 'vi' | 'en';

/** Every UI string, Vietnamese first: a table translators can edit without touching code. */
const STRINGS = strings satisfies Record<string, Localized>;

export type StringKey = keyof typeof STRINGS;

/** A UI string in `lang`, with `{name}` placeholders filled. */
export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  return STRINGS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const LEVEL_LABEL: Record<Level, Localized> = {
  met: { vi: 'Đã đạt', en: 'Met' },
  on_track: { vi: 'Đúng tiến độ', en: 'On track' },
  at_risk: { vi: 'Có nguy cơ', en: 'At risk' },
  off_track: { vi: 'Chậm tiến độ', en: 'Off track' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  no_data: { vi: 'Không có số liệu', en: 'No data' },
};

export const REPORT_LABEL: Record<ReportStatus, Localized> = {
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  missing: { vi: 'Chưa nộp', en: 'Missing' },
  not_yet_due: { vi: 'Chưa đến hạn', en: 'Not yet due' },
};

/**
 * A place name: always the Vietnamese one, diacritics and all, in both languages (a proper
 * name is not translated); descriptive names (departments) follow the language.
 */
export function placeName(name: Localized, kind: 'area' | 'department' | 'province', lang: Lang): string {
  return kind === 'department' ? name[lang] : name.vi;
}

/** "12 giây", "3 phút", "2 giờ" — a short duration for ages. */
export function agoText(lang: Lang, ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const [n, u] = s < 60 ? [s, 0] : s < 3600 ? [Math.floor(s / 60), 1] : [Math.floor(s / 3600), 2];
  const units = lang === 'vi' ? ['giây', 'phút', 'giờ'] : ['s', 'min', 'h'];
  return `${n} ${units[u]}`;
}

// One rounding rule and a no-break space before units, for every screen: web/lib/format.ts.
export { num, valueText } from './format.js';
const signed = signedNum;

const paceUnit = (lang: Lang, unit: ValueUnit) =>
  unit === 'count' ? (lang === 'vi' ? '/tháng' : '/month') : lang === 'vi' ? `${NBSP}điểm/tháng` : `${NBSP}pts/month`;

/** dd/mm/yyyy (or dd/mm) of an ISO date or instant, in the province's time zone. */
export function dateText(iso: string, tz: string, withYear = true): string {
  const d = iso.length === 10 ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  const opts: Intl.DateTimeFormatOptions = { day: '2-digit', month: '2-digit', timeZone: iso.length === 10 ? 'UTC' : tz };
  if (withYear) opts.year = 'numeric';
  return new Intl.DateTimeFormat('en-GB', opts).format(d);
}

export function dateTimeText(iso: string, tz: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: tz }).format(d);
  return `${time} ${dateText(iso, tz)}`;
}

/** "08/2024" from "2024-08". */
export const periodText = (p: string) => `${p.slice(5, 7)}/${p.slice(0, 4)}`;

/** "hạn cũ 30/09/2024, điều chỉnh từ 25/09/2024": what a decision changed, for the record. */
export function revisionText(lang: Lang, r: Revision, target: number, deadline: string, unit: ValueUnit, tz: string): string {
  const parts: string[] = [];
  if (r.originalDeadline !== deadline) parts.push(`${lang === 'vi' ? 'hạn cũ' : 'was due'} ${dateText(r.originalDeadline, tz)}`);
  if (r.originalTarget !== target) parts.push(`${lang === 'vi' ? 'mục tiêu cũ' : 'target was'} ${valueText(lang, r.originalTarget, unit)}`);
  return `† ${parts.join(', ')}, ${lang === 'vi' ? 'điều chỉnh từ' : 'changed from'} ${dateText(r.effectiveFrom, tz)}`;
}

/** Whether any of a unit's targets or deadlines in force was changed by decision. */
export const isRevised = (u: { indicators: readonly { revision: Revision | null }[] }): boolean => u.indicators.some((i) => i.revision !== null);

/**
 * The reason as a sentence a leader can repeat, e.g. "Số hóa hồ sơ: cần +4,2 điểm/tháng,
 * đang đạt +1,1 → dự kiến 63 % vào 30/09, mục tiêu 80 %".
 */
export function reasonText(lang: Lang, r: Reason, indicators: readonly IndicatorMeta[], tz: string): string {
  const ind = indicators.find((i) => i.id === r.indicator);
  const sentence = baseReason(lang, r, ind, tz);
  // A moved deadline or target is always said, so it can never silently turn a unit green.
  return ind?.revision ? `${sentence} (${revisionText(lang, ind.revision, ind.target, ind.deadline, ind.unit, tz)})` : sentence;
}

function baseReason(lang: Lang, r: Reason, ind: IndicatorMeta | undefined, tz: string): string {
  const unit: ValueUnit = ind?.unit ?? 'percent';
  const v = (x: number | null) => (x === null ? '—' : valueText(lang, x, unit));
  const pace = (x: number | null) => (x === null ? '—' : signed(lang, x) + paceUnit(lang, unit));
  const dl = r.deadline ? dateText(r.deadline, tz, false) : '—';
  const vi = lang === 'vi';
  const prefix = ind ? `${ind.short[lang]}: ` : '';
  switch (r.kind) {
    case 'met':
      return ind ? `${prefix}${vi ? 'đã đạt mục tiêu' : 'target met'} ${v(r.target)}` : vi ? 'Đã đạt mọi mục tiêu' : 'All targets met';
    case 'on_pace':
    case 'behind_pace':
    case 'near_miss':
      return vi
        ? `${prefix}cần ${pace(r.requiredPace)}, đang đạt ${pace(r.achievedPace)} → dự kiến ${v(r.projected)} vào ${dl}, mục tiêu ${v(r.target)}`
        : `${prefix}needs ${pace(r.requiredPace)}, achieving ${pace(r.achievedPace)} → ${v(r.projected)} projected at ${dl}, target ${v(r.target)}`;
    case 'no_progress':
      return vi
        ? `${prefix}không tiến triển (${pace(r.achievedPace)}); cần ${pace(r.requiredPace)} để đạt ${v(r.target)} vào ${dl}`
        : `${prefix}no progress (${pace(r.achievedPace)}); needs ${pace(r.requiredPace)} to reach ${v(r.target)} by ${dl}`;
    case 'no_trend':
      return vi
        ? `${prefix}mới có một số liệu, chưa đủ để dự báo; cần ${pace(r.requiredPace)} để đạt ${v(r.target)} vào ${dl}`
        : `${prefix}only one reading, no trend yet; needs ${pace(r.requiredPace)} to reach ${v(r.target)} by ${dl}`;
    case 'due_today':
      return vi
        ? `${prefix}hạn chót hôm nay ${dl}: mới đạt ${v(r.projected)}, mục tiêu ${v(r.target)}`
        : `${prefix}due today ${dl}: at ${v(r.projected)}, target ${v(r.target)}`;
    case 'overdue':
      return vi
        ? `${prefix}quá hạn từ ${dl} (${daysText(lang, r.slackDays ?? 0)}), mới đạt ${v(r.projected)}, mục tiêu ${v(r.target)}`
        : `${prefix}overdue since ${dl} (${daysText(lang, r.slackDays ?? 0)}): ${v(r.projected)}, target ${v(r.target)}`;
    case 'no_data':
      return vi ? `${prefix}chưa có số liệu` : `${prefix}nothing reported`;
    case 'stale':
      return vi
        ? `${prefix}không có số liệu mới từ ${r.lastAt ? dateText(r.lastAt, tz) : '—'}`
        : `${prefix}no new figures since ${r.lastAt ? dateText(r.lastAt, tz) : '—'}`;
    case 'report_missing':
      return vi
        ? `Chưa nộp báo cáo tháng ${periodText(r.period ?? '')} (hạn trước ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`
        : `Report for ${periodText(r.period ?? '')} not filed (due before ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`;
    case 'task':
      return r.task ? `${r.task.title[lang]}: ${taskReasonText(lang, r.task.reason, tz)}` : '—';
    case 'report_late':
      return vi
        ? `Nộp báo cáo tháng ${periodText(r.period ?? '')} trễ hạn (hạn trước ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`
        : `Report for ${periodText(r.period ?? '')} filed late (due before ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`;
  }
}
