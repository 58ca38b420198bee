import type { UnitReminder } from '../protocol/history.js';
import type { Store } from '../store/store.js';
import { localFields } from '../time/local.js';

const ddmm = (ms: number, tz: string) => {
  const { day, month } = localFields(ms, tz);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
};

/** The unit's latest reminder or late notice (null when it has had none); `filedAt(period)` says when its report was filed. */
export async function latestReminder(store: Store, unit: string, tz: string, filedAt: (period: string) => number | null): Promise<UnitReminder | null> {
  const m = (await store.listMessages({ unit, limit: 50 })).find((x) => x.kind === 'remind' || x.kind === 'late');
  if (!m) return null;
  const filed = m.period !== null && filedAt(m.period) !== null;
  const when = ddmm(m.createdAt, tz);
  const vi = `${m.ackedAt !== null ? 'đã nhận' : 'chưa xác nhận'} nhắc ${when}, ${filed ? 'đã nộp' : 'chưa nộp'}`;
  const en = `reminder of ${when} ${m.ackedAt !== null ? 'acknowledged' : 'not acknowledged'}, ${filed ? 'filed' : 'not filed'}`;
  return {
    kind: m.kind,
    period: m.period,
    at: new Date(m.createdAt).toISOString(),
    ackedAt: m.ackedAt === null ? null : new Date(m.ackedAt).toISOString(),
    filed,
    note: { vi, en },
  };
}
