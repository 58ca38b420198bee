/** A notice in words, in the contact's language: subject, paragraphs and items (Vietnamese with its diacritics, or English). */
import { LEVEL_LABEL, dateText, periodText, placeName, reasonText, type Lang } from '../../web/lib/i18n.js';
import type { Snapshot } from '../protocol/state.js';
import { DAY_MS } from '../time/local.js';
import type { Notice, NoticeFact } from './plan.js';

export interface Words {
  subject: string;
  intro: string;
  items: string[];
}

const name = (f: NoticeFact, lang: Lang) => placeName(f.unit.name, f.unit.kind, lang);
const level = (f: NoticeFact, lang: Lang) => LEVEL_LABEL[f.unit.level][lang];

/** The words of a notice for one reader. */
export function compose(n: Notice, lang: Lang, s: Snapshot): Words {
  const tz = s.province.timezone;
  const vi = lang === 'vi';
  const f = n.facts[0]!;
  const reason = (x: NoticeFact) => reasonText(lang, x.unit.reason, s.indicators, tz);
  const per = n.period ? periodText(n.period) : '';
  switch (n.kind) {
    case 'remind': {
      const due = dateText(f.dueAt!, tz);
      return vi
        ? {
            subject: `Nhắc nộp báo cáo tháng ${per} — ${name(f, lang)}: còn ${f.daysLeft} ngày`,
            intro: `Báo cáo tháng ${per} của ${name(f, lang)} chưa được nộp. Hạn nộp: trước 00:00 ngày ${due}.`,
            items: [reason(f)],
          }
        : {
            subject: `Reminder: ${per} report — ${name(f, lang)}: ${f.daysLeft} days left`,
            intro: `The ${per} report of ${name(f, lang)} has not been filed. Due before 00:00 on ${due}.`,
            items: [reason(f)],
          };
    }
    case 'late': {
      const due = dateText(f.dueAt!, tz);
      return vi
        ? {
            subject: `Quá hạn báo cáo tháng ${per} — ${name(f, lang)}`,
            intro: `${name(f, lang)} chưa nộp báo cáo tháng ${per}; hạn là trước ngày ${due}. Đề nghị nộp ngay.`,
            items: [reason(f)],
          }
        : {
            subject: `Late: ${per} report — ${name(f, lang)}`,
            intro: `${name(f, lang)} has not filed the ${per} report, due before ${due}. Please file it now.`,
            items: [reason(f)],
          };
    }
    case 'escalation':
      return vi
        ? {
            subject: `Cảnh báo: ${name(f, lang)} chuyển sang «${level(f, lang)}»`,
            intro: `${name(f, lang)}: từ «${LEVEL_LABEL[f.from!][lang]}» sang «${level(f, lang)}».`,
            items: [reason(f)],
          }
        : {
            subject: `Alert: ${name(f, lang)} is now “${level(f, lang)}”`,
            intro: `${name(f, lang)}: from “${LEVEL_LABEL[f.from!][lang]}” to “${level(f, lang)}”.`,
            items: [reason(f)],
          };
    case 'escalation-group': {
      const items = n.facts.map((x) => `${name(x, lang)}: ${LEVEL_LABEL[x.from!][lang]} → ${level(x, lang)} — ${reason(x)}`);
      return vi
        ? {
            subject: `Cảnh báo: ${n.facts.length} đơn vị cùng xấu đi`,
            intro: `${n.facts.length} đơn vị cùng chuyển sang mức xấu hơn trong một lần cập nhật (thường do một quyết định, ví dụ nâng mục tiêu):`,
            items,
          }
        : {
            subject: `Alert: ${n.facts.length} units worsened at once`,
            intro: `${n.facts.length} units worsened in one update (usually one decision, e.g. a raised target):`,
            items,
          };
    }
    case 'digest': {
      const now = Date.parse(s.asOf);
      const late = n.facts.filter((x) => x.from === undefined).map((x) => `${vi ? 'Chậm/thiếu báo cáo' : 'Late or missing report'}: ${name(x, lang)}`);
      const worse = n.facts
        .filter((x) => x.from !== undefined)
        .map((x) => `${vi ? 'Xấu đi' : 'Worsened'}: ${name(x, lang)} (${LEVEL_LABEL[x.from!][lang]} → ${level(x, lang)})`);
      const soon = s.indicators
        .filter((i) => Date.parse(i.deadline) >= now - DAY_MS && Date.parse(i.deadline) < now + 30 * DAY_MS)
        .map((i) => `${vi ? 'Hạn sắp tới' : 'Upcoming deadline'}: ${i.short[lang]} — ${dateText(i.deadline, tz)}`);
      const items = [...late, ...worse, ...soon];
      return vi
        ? {
            subject: `Tổng hợp tuần — ${s.province.name.vi}`,
            intro: items.length ? 'Tình hình các đơn vị trong tuần:' : 'Tuần này không có đơn vị chậm hay xấu đi.',
            items,
          }
        : { subject: `Weekly digest — ${s.province.name.en}`, intro: items.length ? 'The units this week:' : 'No unit late or worsened this week.', items };
    }
  }
}
