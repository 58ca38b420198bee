import type { UnitReminder } from '../protocol/history.js';
import type { Store } from '../store/store.js';
import { localFields } from '../time/local.js';

const ddmm = (ms: number, tz: string) => {
  const { day, month } = localFields(ms, tz);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
};

/**
 * The unit's latest reminder or late notice (null when it has had none); `filedAt(period)` says when its report was filed.
 * With `at` (a briefing's frozen instant, data clock): as known then, so a reminder, its acknowledgement and the filing after `at` do not count.
 */
export async function latestReminder(
  store: Store,
  unit: string,
  tz: string,
  filedAt: (period: string) => number | null,
  at = Infinity,
): Promise<UnitReminder | null> {
  const m = (await store.listMessages({ unit, limit: 50 })).find((x) => (x.kind === 'remind' || x.kind === 'late') && x.createdAt <= at);
  if (!m) return null;
  const filedTime = m.period === null ? null : filedAt(m.period);
  const filed = filedTime !== null && filedTime <= at;
  const ackedAt = m.ackedAt !== null && m.ackedAt <= at ? m.ackedAt : null;
  const when = ddmm(m.createdAt, tz);
  const vi = `${ackedAt !== null ? 'đã nhận' : 'chưa xác nhận'} nhắc ${when}, ${filed ? 'đã nộp' : 'chưa nộp'}`;
  const en = `reminder of ${when} ${ackedAt !== null ? 'acknowledged' : 'not acknowledged'}, ${filed ? 'filed' : 'not filed'}`;
  return {
    kind: m.kind,
    period: m.period,
    at: new Date(m.createdAt).toISOString(),
    ackedAt: ackedAt === null ? null : new Date(ackedAt).toISOString(),
    filed,
    note: { vi, en },
  };
}
