/** Task texts for every screen: the deadline as decided, progress labels and each reason as a sentence (Vietnamese first, English). */
import type { Localized } from '../../server/protocol/state.js';
import type { TaskProgress, TaskReason } from '../../server/protocol/tasks.js';
import { NBSP } from './format.js';
import { dateText, dateTimeText, num, type Lang } from './i18n.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "30/09/2024", "tháng 09/2024" / "09/2024", "quý IV/2024" / "Q4 2024" from a deadline as decided. */
export function deadlineText(lang: Lang, spec: string): string {
  const y = spec.slice(0, 4);
  if (spec[5] === 'Q') return lang === 'vi' ? `quý ${ROMAN[Number(spec[6]) - 1]}/${y}` : `Q${spec[6]} ${y}`;
  if (spec.length === 7) return `${lang === 'vi' ? 'tháng ' : ''}${spec.slice(5, 7)}/${y}`;
  return dateText(spec, 'UTC');
}

export const PROGRESS_LABEL: Record<TaskProgress, Localized> = {
  not_started: { vi: 'Chưa triển khai', en: 'Not started' },
  in_progress: { vi: 'Đang thực hiện', en: 'In progress' },
  blocked: { vi: 'Vướng mắc', en: 'Blocked' },
  awaiting_confirmation: { vi: 'Chờ xác nhận', en: 'Awaiting confirmation' },
  done: { vi: 'Hoàn thành', en: 'Done' },
};

/** A percentage in the one number format: "45,5 %" with a no-break space (`digits` decimals at most). */
export const pct = (lang: Lang, x: number, digits = 1): string => `${num(lang, x, digits)}${NBSP}%`;

/** A task's owners counted: "12/94 đơn vị đã xong, 5 quá hạn" / "12/94 owners done, 5 overdue". */
export function ownersLine(lang: Lang, done: number, total: number, late: number): string {
  const vi = lang === 'vi';
  const head = vi ? `${num(lang, done, 0)}/${num(lang, total, 0)} đơn vị đã xong` : `${num(lang, done, 0)}/${num(lang, total, 0)} owners done`;
  return late ? `${head}, ${num(lang, late, 0)} ${vi ? 'quá hạn' : 'overdue'}` : head;
}
const pace = (lang: Lang, x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${num(lang, Math.abs(x))}${lang === 'vi' ? ' điểm/tháng' : ' pts/month'}`;

/** One task reason as a sentence, e.g. "Chờ nhiệm vụ Hạ tầng, quá hạn 12 ngày". */
export function taskReasonText(lang: Lang, r: TaskReason, tz: string): string {
  const vi = lang === 'vi';
  switch (r.kind) {
    case 'done':
      return (vi ? 'Đã hoàn thành' : 'Done') + (r.confirmed ? (vi ? ', đã xác nhận' : ', confirmed') : '') + (r.late ? (vi ? ' (trễ hạn)' : ' (late)') : '');
    case 'awaiting_confirmation':
      return vi
        ? `Báo cáo hoàn thành ${dateTimeText(r.at, tz)}, chờ Văn phòng xác nhận`
        : `Reported done ${dateTimeText(r.at, tz)}, awaiting the office's confirmation`;
    case 'overdue': {
      const at =
        r.percent === null ? (vi ? 'chưa báo cáo tiến độ' : 'no progress reported') : vi ? `mới đạt ${pct(lang, r.percent)}` : `at ${pct(lang, r.percent)}`;
      return vi ? `Quá hạn ${r.daysLate} ngày, ${at}` : `${r.daysLate} days overdue, ${at}`;
    }
    case 'not_started':
      return vi
        ? `Chưa triển khai, còn ${r.daysLeft} ngày (${pct(lang, r.shareLeft * 100, 0)} thời gian)`
        : `Not started, ${r.daysLeft} days left (${pct(lang, r.shareLeft * 100, 0)} of its time)`;
    case 'pace':
      return vi
        ? `Đạt ${pct(lang, r.percent)}: cần ${pace(lang, r.requiredPace)}, đang đạt ${pace(lang, r.achievedPace)} → dự kiến ${pct(lang, r.projected)} khi đến hạn`
        : `At ${pct(lang, r.percent)}: needs ${pace(lang, r.requiredPace)}, achieving ${pace(lang, r.achievedPace)} → ${pct(lang, r.projected)} projected at the deadline`;
    case 'on_track':
      return (
        (vi ? 'Đúng tiến độ' : 'On track') +
        (r.percent === null ? '' : `, ${pct(lang, r.percent)}`) +
        (vi ? `, còn ${r.daysLeft} ngày` : `, ${r.daysLeft} days left`)
      );
    case 'milestone':
      return vi
        ? `Trễ mốc “${r.title.vi}” (${dateText(r.date, tz)}) ${r.daysLate} ngày`
        : `Missed milestone “${r.title.en}” (${dateText(r.date, tz)}) by ${r.daysLate} days`;
    case 'blocked':
      return vi ? `Vướng mắc: ${r.reason}` : `Blocked: ${r.reason}`;
    case 'dependency':
      return vi ? `Chờ nhiệm vụ ${r.title.vi}, quá hạn ${r.daysLate} ngày` : `Waiting for task ${r.title.en}, ${r.daysLate} days overdue`;
    case 'deadline_moved':
      return vi
        ? `Hạn đã dời từ ${deadlineText(lang, r.from)} sang ${deadlineText(lang, r.to)} (${r.reason})`
        : `Deadline moved from ${deadlineText(lang, r.from)} to ${deadlineText(lang, r.to)} (${r.reason})`;
  }
}
