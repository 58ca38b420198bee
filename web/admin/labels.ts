import type { Localized, SceneSpec } from '../../server/protocol/index.js';
import type { Lang } from '../lib/i18n.js';

/** Token roles as people say them. */
export const ROLE_LABEL: Record<'admin' | 'display' | 'unit', Localized> = {
  admin: { vi: 'Quản trị', en: 'Administrator' },
  display: { vi: 'Màn hình', en: 'Display' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
};

const PLAYLISTS: Record<string, Localized> = {
  'control-room': { vi: 'Phòng điều hành', en: 'Control room' },
  'overview-only': { vi: 'Tổng quan', en: 'Overview' },
  overview: { vi: 'Tổng quan', en: 'Overview' },
};

/** A playlist's human name (the configured id when none is known). */
export const playlistLabel = (name: string, lang: Lang): string => (Object.hasOwn(PLAYLISTS, name) ? PLAYLISTS[name]![lang] : name);

const SCENES: Record<string, Localized> = {
  overview: { vi: 'Tổng quan', en: 'Overview' },
  ranking: { vi: 'Xếp hạng', en: 'Ranking' },
  reports: { vi: 'Báo cáo định kỳ', en: 'Periodic reports' },
  deadlines: { vi: 'Hạn sắp tới', en: 'Upcoming deadlines' },
};

/** A scene's human name; an indicator scene is named by its indicator. */
export function sceneLabel(sc: SceneSpec, lang: Lang, indicatorName: (id: string) => string | undefined): string {
  if (sc.scene === 'indicator') return indicatorName(sc.indicator) ?? sc.indicator;
  return Object.hasOwn(SCENES, sc.scene) ? SCENES[sc.scene]![lang] : sc.scene;
}

const MESSAGE_KINDS: Record<string, Localized> = {
  remind: { vi: 'Nhắc hạn báo cáo', en: 'Report reminder' },
  late: { vi: 'Báo cáo trễ hạn', en: 'Report late' },
  escalation: { vi: 'Báo lên cấp trên', en: 'Escalation' },
  'escalation-group': { vi: 'Báo lên cấp trên (nhóm)', en: 'Escalation (grouped)' },
  digest: { vi: 'Bản tin tổng hợp', en: 'Digest' },
};

/** A notification's kind in words ("late" → "Báo cáo trễ hạn"); an unknown kind as the server names it. */
export const messageKindLabel = (kind: string, lang: Lang): string => (Object.hasOwn(MESSAGE_KINDS, kind) ? MESSAGE_KINDS[kind]![lang] : kind);

/** Token lifetimes offered, in the server's words ("180d") and people's ("180 ngày"). */
export const EXPIRY_CHOICES = ['30d', '90d', '180d', '365d', 'never'] as const;

/** "180d" → "180 ngày", "12h" → "12 giờ", "never" → "không hết hạn". */
export function expiryLabel(code: string, lang: Lang): string {
  if (code === 'never') return lang === 'vi' ? 'Không hết hạn' : 'Never';
  const m = /^(\d+)([dh])$/.exec(code);
  if (!m) return code;
  const unit = m[2] === 'd' ? (lang === 'vi' ? 'ngày' : 'days') : lang === 'vi' ? 'giờ' : 'hours';
  return `${m[1]}\u00a0${unit}`;
}

/** "2025-09-03" (or an instant) → "03/09/2025". */
export const dmy = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The pattern a dd/mm/yyyy field accepts (the browser checks it before submitting). */
export const DMY_PATTERN = '\\d{1,2}/\\d{1,2}/\\d{4}';

/** "3/9/2025" or "03/09/2025" → "2025-09-03"; an error sentence in `lang` for anything else, or a day that does not exist. */
export function parseDmy(text: string, lang: Lang): { ok: true; iso: string } | { ok: false; message: string } {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  const bad = (why: Localized) => ({ ok: false as const, message: why[lang] });
  if (!m) return bad({ vi: `"${text}" không đúng dạng ngày/tháng/năm (vd. 03/09/2025)`, en: `"${text}" is not day/month/year (e.g. 03/09/2025)` });
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return bad({ vi: `Ngày ${text} không có thật (ngày/tháng/năm)`, en: `${text} is not a real date (day/month/year)` });
  return { ok: true, iso: date.toISOString().slice(0, 10) };
}
