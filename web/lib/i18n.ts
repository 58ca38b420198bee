import type { IndicatorMeta, Level, Localized, Reason, ReportStatus, Revision, ValueUnit } from '../../server/protocol/index.js';

export type Lang = 'vi' | 'en';

const STRINGS = {
  title: { vi: 'Tiến độ chuyển đổi số — Đề án 06', en: 'Digital transformation deadlines — Đề án 06' },
  asOf: { vi: 'Số liệu tính đến', en: 'Figures as of' },
  demoClock: { vi: 'giờ mô phỏng', en: 'demo clock' },
  demo: { vi: 'DEMO', en: 'DEMO' },
  online: { vi: 'Trực tuyến', en: 'Live' },
  connecting: { vi: 'Đang kết nối…', en: 'Connecting…' },
  offline: { vi: 'Mất kết nối', en: 'Disconnected' },
  units: { vi: 'đơn vị', en: 'units' },
  levelsTitle: { vi: 'Địa phương theo mức rủi ro', en: 'Localities by risk level' },
  worstTitle: { vi: 'Đơn vị có nguy cơ trễ hạn cao nhất', en: 'Units most at risk of missing deadlines' },
  departmentsTitle: { vi: 'Báo cáo tháng {period} của sở, ngành', en: 'Departments’ report for {period}' },
  dueBefore: { vi: 'hạn trước {date}', en: 'due before {date}' },
  legend: { vi: 'Chú giải', en: 'Legend' },
  loading: { vi: 'Đang tải số liệu…', en: 'Loading figures…' },
  geoError: { vi: 'Chưa kết nối được máy chủ — đang thử lại…', en: 'Cannot reach the server yet — retrying…' },
  language: { vi: 'English', en: 'Tiếng Việt' },
  noReport: { vi: 'chưa nộp', en: 'not filed' },
  sources: { vi: 'Nguồn', en: 'Sources' },
  updatedAgo: { vi: 'Cập nhật {ago} trước', en: 'Updated {ago} ago' },
  staleBanner: {
    vi: 'Số liệu có thể đã cũ — không nhận được cập nhật từ {time} ({ago} trước). Đang kết nối lại…',
    en: 'Figures may be out of date — no update since {time} ({ago} ago). Reconnecting…',
  },
  staleBannerSyncing: {
    vi: 'Số liệu có thể đã cũ — không nhận được cập nhật từ {time} ({ago} trước). Đang đồng bộ lại…',
    en: 'Figures may be out of date — no update since {time} ({ago} ago). Catching up…',
  },
  ticker: { vi: 'Biến động', en: 'Changes' },
  tickerEmpty: { vi: 'Chưa có thay đổi mức rủi ro', en: 'No level changes yet' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  scene: { vi: 'Màn {n}/{total}', en: 'Scene {n}/{total}' },
  sceneOverview: { vi: 'Tổng quan', en: 'Overview' },
  sceneRanking: { vi: 'Xếp hạng nguy cơ trễ hạn', en: 'Deadline-risk ranking' },
  sceneReports: { vi: 'Lịch nộp báo cáo tháng', en: 'Monthly reporting calendar' },
  target: { vi: 'Mục tiêu', en: 'Target' },
  deadline: { vi: 'Hạn', en: 'Deadline' },
  legalSource: { vi: 'Căn cứ', en: 'Source' },
  value: { vi: 'Hiện tại', en: 'Now' },
  projected: { vi: 'Dự kiến', en: 'Projected' },
  unitsTitle: { vi: 'Đơn vị', en: 'Unit' },
  departments: { vi: 'Sở, ngành', en: 'Departments' },
  score: { vi: 'Điểm rủi ro', en: 'Risk score' },
  revisedLegend: { vi: 'Mục tiêu/hạn đã điều chỉnh', en: 'Target/deadline changed' },
  adminTitle: { vi: 'Quản trị — màn hình, số liệu, quyền truy cập', en: 'Administration — displays, data, access' },
  adminToken: { vi: 'Mã truy cập quản trị', en: 'Admin token' },
  adminSignIn: { vi: 'Đăng nhập', en: 'Sign in' },
  adminSignOut: { vi: 'Đăng xuất', en: 'Sign out' },
  adminNone: { vi: 'Chưa có màn hình nào kết nối.', en: 'No display has connected yet.' },
  adminReload: { vi: 'Tải lại', en: 'Reload' },
  adminReloadAll: { vi: 'Tải lại tất cả', en: 'Reload all' },
  adminScene: { vi: 'Màn', en: 'Scene' },
  adminPlaylist: { vi: 'Danh sách phát', en: 'Playlist' },
  adminDisplay: { vi: 'Màn hình', en: 'Display' },
  adminStatus: { vi: 'Trạng thái', en: 'Status' },
  adminLastSeen: { vi: 'Lần cuối', en: 'Last seen' },
  adminSize: { vi: 'Kích thước', en: 'Size' },
  adminVersion: { vi: 'Phiên bản', en: 'Version' },
  adminConnected: { vi: 'Đang kết nối', en: 'Connected' },
  adminGone: { vi: 'Ngắt kết nối', en: 'Gone' },
  adminSent: { vi: 'Đã gửi tới {n} màn hình', en: 'Sent to {n} display(s)' },
  adminErrorAuth: { vi: 'Mã truy cập không đúng hoặc máy chủ chưa bật quyền quản trị.', en: 'Wrong token, or the server has no admin token set.' },
  tabDisplays: { vi: 'Màn hình', en: 'Displays' },
  tabTokens: { vi: 'Mã truy cập', en: 'Tokens' },
  tabTargets: { vi: 'Mục tiêu, thời hạn', en: 'Targets & deadlines' },
  tabAudit: { vi: 'Nhật ký', en: 'Audit trail' },
  tabImport: { vi: 'Nhập số liệu', en: 'Import' },
  importHelp: {
    vi: 'Tệp CSV hoặc Excel (.xlsx), mỗi dòng một đơn vị × chỉ tiêu × kỳ. Xem trước rồi mới ghi.',
    en: 'A CSV or Excel (.xlsx) file, one row per unit × indicator × period. Preview first, then store.',
  },
  importTemplate: { vi: 'Tải mẫu', en: 'Download the template' },
  importPreview: { vi: 'Xem trước', en: 'Preview' },
  importConfirm: { vi: 'Ghi {n} số liệu', en: 'Store {n} readings' },
  importSummary: { vi: '{format}: {rows} dòng → {new} mới, {update} thay đổi, {same} không đổi', en: '{format}: {rows} rows → {new} new, {update} changed, {same} unchanged' },
  importDone: { vi: 'Đã ghi {n} số liệu.', en: 'Stored {n} readings.' },
  importProblems: { vi: 'Tệp có lỗi, chưa ghi gì:', en: 'The file has problems; nothing was stored:' },
  row: { vi: 'Dòng', en: 'Row' },
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  column: { vi: 'Cột', en: 'Column' },
  problem: { vi: 'Lỗi', en: 'Problem' },
  before: { vi: 'Trước', en: 'Before' },
  after: { vi: 'Sau', en: 'After' },
  role: { vi: 'Vai trò', en: 'Role' },
  label: { vi: 'Ghi chú', en: 'Label' },
  expires: { vi: 'Hết hạn', en: 'Expires' },
  create: { vi: 'Tạo', en: 'Create' },
  revoke: { vi: 'Thu hồi', en: 'Revoke' },
  state: { vi: 'Trạng thái', en: 'State' },
  newSecret: { vi: 'Mã mới (chỉ hiện một lần, hãy lưu lại):', en: 'New token (shown once, keep it safe):' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  effectiveFrom: { vi: 'Hiệu lực từ', en: 'In force from' },
  why: { vi: 'Lý do', en: 'Why' },
  who: { vi: 'Người thực hiện', en: 'Who' },
  when: { vi: 'Thời điểm', en: 'When' },
  action: { vi: 'Thao tác', en: 'Action' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  save: { vi: 'Lưu', en: 'Save' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  back: { vi: '← Quay lại', en: '← Back' },
  rankArea: { vi: 'Hạng {rank}/{of} địa phương về nguy cơ', en: 'Risk rank {rank} of {of} localities' },
  rankDepartment: { vi: 'Hạng {rank}/{of} sở, ngành về nguy cơ', en: 'Risk rank {rank} of {of} departments' },
  reportHistory: { vi: 'Báo cáo tháng — 12 kỳ gần nhất', en: 'Monthly reports — last 12 periods' },
  areas: { vi: 'Địa phương', en: 'Localities' },
  tapHint: { vi: 'Chạm vào một địa phương trên bản đồ hoặc trong danh sách để xem chi tiết', en: 'Tap a locality on the map or in the list for its details' },
  timeMachine: { vi: 'Xem lại ngày', en: 'Look back to' },
  live: { vi: 'Hiện tại', en: 'Live' },
  pastView: { vi: 'Đang xem lại số liệu tính đến {time}', en: 'Looking back: figures as of {time}' },
  backToLive: { vi: 'Về số liệu hiện tại', en: 'Back to live figures' },
  chartNow: { vi: 'Mốc xem', en: 'As of' },
  chartBand: { vi: 'Khoảng dự báo', en: 'Forecast range' },
  chartTarget: { vi: 'Mục tiêu {value}', en: 'Target {value}' },
  chartDeadline: { vi: 'Hạn {date}', en: 'Due {date}' },
  noReadings: { vi: 'Chưa có số liệu', en: 'No readings yet' },
  loadError: { vi: 'Chưa tải được số liệu — đang thử lại…', en: 'Could not load the figures — retrying…' },
  briefingTitle: { vi: 'Giao ban tiến độ chuyển đổi số — Đề án 06', en: 'Digital transformation briefing — Đề án 06' },
  frozenAt: { vi: 'Số liệu chốt lúc {time}', en: 'Figures as of {time}' },
  refresh: { vi: 'Cập nhật số liệu (R)', en: 'Refresh figures (R)' },
  newData: { vi: 'Đã có số liệu mới sau thời điểm chốt — nhấn R để cập nhật', en: 'Newer figures have arrived since — press R to refresh' },
  slideSummary: { vi: 'Toàn tỉnh', en: 'The province' },
  slideWorsened: { vi: 'Đơn vị xấu đi so với kỳ trước (cuối tháng {period})', en: 'Units that worsened since the last period (end of {period})' },
  improved: { vi: 'Cải thiện so với kỳ trước', en: 'Improved since the last period' },
  noneWorsened: { vi: 'Không đơn vị nào xấu đi so với kỳ trước.', en: 'No unit worsened since the last period.' },
  slideUnit: { vi: 'Chậm tiến độ / quá hạn', en: 'Off track / overdue' },
  slideCompliance: { vi: 'Nộp báo cáo tháng {period} (hạn trước {date})', en: 'Monthly report for {period} (due before {date})' },
  slideUpcoming: { vi: 'Các hạn sắp tới', en: 'Upcoming deadlines' },
  noUpcoming: { vi: 'Không còn hạn nào phía trước.', en: 'No deadline ahead.' },
  notOnTrack: { vi: '{n}/{total} đơn vị chưa kịp tiến độ', en: '{n} of {total} units not on track' },
  daysLeft: { vi: 'còn {n} ngày', en: '{n} days left' },
  exportPng: { vi: 'Xuất ảnh PNG', en: 'Export PNG' },
  exportPdf: { vi: 'Xuất PDF cả buổi', en: 'Export the briefing (PDF)' },
  exporting: { vi: 'Đang xuất…', en: 'Exporting…' },
  exportFailed: { vi: 'Không xuất được: {message}', en: 'Export failed: {message}' },
  keysHint: { vi: 'PageDown/→: tiếp · PageUp/←: lùi · R: cập nhật · L: English', en: 'PageDown/→: next · PageUp/←: back · R: refresh · L: Tiếng Việt' },
  dayBack: { vi: 'Lùi một ngày', en: 'One day back' },
  dayForward: { vi: 'Tiến một ngày', en: 'One day forward' },
  retry: { vi: 'Thử lại', en: 'Try again' },
  moreUnits: { vi: '… và {n} đơn vị khác', en: '… and {n} more units' },
  legendReadings: { vi: 'Số liệu', en: 'Readings' },
  filedOn: { vi: 'nộp {date}', en: 'filed {date}' },
  adminErrorOther: { vi: 'Không thực hiện được: {message}', en: 'Could not do it: {message}' },
} satisfies Record<string, Localized>;

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

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** A number in the locale: 45,5 in Vietnamese, 45.5 in English. */
export function num(lang: Lang, x: number, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(x);
}

const signed = (lang: Lang, x: number) => (x > 0 ? '+' : x < 0 ? '−' : '') + num(lang, Math.abs(x));

/** A value with its unit: "45,5 %", "82 điểm". */
export function valueText(lang: Lang, x: number, unit: ValueUnit): string {
  if (unit === 'percent') return `${num(lang, x)} %`;
  if (unit === 'points') return `${num(lang, x)} ${lang === 'vi' ? 'điểm' : 'pts'}`;
  return num(lang, x, 0);
}

const paceUnit = (lang: Lang, unit: ValueUnit) =>
  unit === 'count' ? (lang === 'vi' ? '/tháng' : '/month') : lang === 'vi' ? ' điểm/tháng' : ' pts/month';

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
        ? `${prefix}quá hạn từ ${dl} (${Math.abs(r.slackDays ?? 0)} ngày), mới đạt ${v(r.projected)}, mục tiêu ${v(r.target)}`
        : `${prefix}overdue since ${dl} (${Math.abs(r.slackDays ?? 0)} days): ${v(r.projected)}, target ${v(r.target)}`;
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
    case 'report_late':
      return vi
        ? `Nộp báo cáo tháng ${periodText(r.period ?? '')} trễ hạn (hạn trước ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`
        : `Report for ${periodText(r.period ?? '')} filed late (due before ${r.deadline ? dateText(r.deadline, tz, false) : '—'})`;
  }
}
