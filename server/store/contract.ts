/**
 * The Store contract: one set of tests that every store must pass (SQLite in `npm test`,
 * PostgreSQL in `npm run test:cluster`). Imported by test files only.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from './store.js';
import type { AuditEntry, NewReading, NewReport, TokenRecord } from './rows.js';

export interface StoreFactory {
  /** An empty database for the next test. */
  fresh(): Promise<void>;
  /** Open (again) the current database; `systemNow` stamps received_at and ages idempotency records. */
  open(systemNow: () => number): Promise<Store>;
  /** After the last test. */
  done?(): Promise<void>;
}

export const T0 = Date.parse('2024-08-31T10:00:00+07:00');
export const RECEIVED = Date.parse('2024-08-31T10:05:00+07:00');

export const reading = (over: Partial<NewReading> = {}): NewReading => ({
  unit: 'tam-ky',
  indicator: 'online-dossier-rate',
  value: 45.5,
  at: T0,
  source: 'api',
  submittedBy: 'tester',
  ...over,
});

const report = (over: Partial<NewReport> = {}): NewReport => ({
  unit: 'tam-ky',
  period: '2024-07',
  submittedAt: Date.parse('2024-08-10T09:00:00+07:00'),
  source: 'api',
  submittedBy: 'tester',
  ...over,
});

const audit = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  at: T0,
  who: 'env-admin',
  role: 'admin',
  action: 'readings.post',
  target: 'tam-ky',
  source: '127.0.0.1',
  outcome: 'accepted',
  status: 200,
  detail: '1 reading(s)',
  requestId: 'a3f9c2d4e5b6a7c8',
  ...over,
});

const token = (over: Partial<TokenRecord> = {}): TokenRecord => ({
  id: 'abcd1234',
  hash: 'f'.repeat(64),
  role: 'unit',
  unit: 'tam-ky',
  label: 'Tam Kỳ',
  createdAt: T0,
  expiresAt: null,
  revokedAt: null,
  ...over,
});

/** Register the contract's tests for one kind of store. */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | null = null;
    let now = RECEIVED;
    const open = async (): Promise<Store> => (store = await factory.open(() => now));
    const reopen = async (): Promise<Store> => {
      await store?.close();
      return open();
    };
    const r = (value: number, at = 1_000, source: 'api' | 'demo' = 'api') => ({ unit: 'u', indicator: 'i', value, at, source, submittedBy: 't' });

    beforeEach(async () => {
      now = RECEIVED;
      await factory.fresh();
      store = null;
    });
    afterEach(async () => {
      await store?.close();
      store = null;
    });
    afterAll(async () => {
      await factory.done?.();
    });

    it('keeps readings, reports and meta across close and reopen', async () => {
      const s = await open();
      expect(await s.insertReadings([reading(), reading({ unit: 'hoi-an', value: 12, at: T0 - 86_400_000 })])).toBe(2);
      expect(await s.insertReports([report()])).toBe(1);
      await s.setMeta('demo', 'loaded');
      const s2 = await reopen();
      expect(await s2.counts()).toEqual({ readings: 2, reports: 1 });
      const readings = await s2.listReadings();
      expect(readings.map((x) => x.unit)).toEqual(['hoi-an', 'tam-ky']); // oldest first
      expect(readings[1]).toEqual({ ...reading(), id: expect.any(Number), receivedAt: RECEIVED });
      expect(await s2.listReports()).toEqual([{ ...report(), id: expect.any(Number) }]);
      expect(await s2.getMeta('demo')).toBe('loaded');
    });

    it('insertReadings is all or nothing: one bad row stores none, and the store still works', async () => {
      const s = await open();
      await s.insertReadings([reading({ at: T0 - 1000 })]);
      const before = await s.counts();
      const batch = [reading({ unit: 'hoi-an' }), reading({ unit: 'dai-loc' }), reading({ value: null as unknown as number }), reading({ unit: 'que-son' })];
      await expect(s.insertReadings(batch)).rejects.toThrow(/not.null/i);
      expect(await s.counts()).toEqual(before);
      expect((await s.listReadings()).map((x) => x.unit)).toEqual(['tam-ky']);
      expect(await s.insertReadings([reading({ unit: 'hoi-an' })])).toBe(1);
      expect((await s.counts()).readings).toBe(2);
    });

    it('insertReports is all or nothing too; an empty batch inserts nothing', async () => {
      const s = await open();
      await expect(s.insertReports([report(), report({ period: null as unknown as string })])).rejects.toThrow(/not.null/i);
      expect(await s.insertReadings([])).toBe(0);
      expect(await s.counts()).toEqual({ readings: 0, reports: 0 });
    });

    it('meta: null when absent, set, overwrite, survives reopen', async () => {
      const s = await open();
      expect(await s.getMeta('demo')).toBeNull();
      await s.setMeta('demo', 'v1');
      await s.setMeta('demo', 'v2');
      await s.setMeta('other', 'x');
      expect(await s.getMeta('demo')).toBe('v2');
      expect(await s.getMeta('other')).toBe('x');
      expect(await (await reopen()).getMeta('demo')).toBe('v2');
    });

    it('a reading for the same unit, indicator and instant replaces the stored one (a retry never doubles data)', async () => {
      const s = await open();
      await s.insertReadings([r(1), r(2, 2_000)]);
      await s.insertReadings([r(1), r(2, 2_000)]);
      await s.insertReadings([r(5)]);
      expect((await s.listReadings()).map((x) => [x.at, x.value])).toEqual([
        [1_000, 5],
        [2_000, 2],
      ]);
    });

    it('commit replaces a source, writes rows and meta in one transaction, or nothing', async () => {
      const s = await open();
      await s.insertReadings([r(1, 1_000, 'api'), r(2, 2_000, 'demo')]);
      await s.commit({ replaceSource: 'demo', readings: [r(3, 3_000, 'demo')], meta: { k: 'v' } });
      expect((await s.listReadings()).map((x) => [x.source, x.value])).toEqual([
        ['api', 1],
        ['demo', 3],
      ]);
      expect(await s.getMeta('k')).toBe('v');
      expect(await s.hasSource('demo')).toBe(true);
      // A bad row in the batch: the deletion, the meta change and the audit entry are rolled back too.
      await expect(
        s.commit({ replaceSource: 'demo', readings: [r(4, 4_000, 'demo'), { ...r(4), unit: null as unknown as string }], meta: { k: 'w' }, audit: [audit()] }),
      ).rejects.toThrow();
      expect((await s.listReadings()).map((x) => [x.source, x.value])).toEqual([
        ['api', 1],
        ['demo', 3],
      ]);
      expect(await s.getMeta('k')).toBe('v');
      expect(await s.listAudit({ limit: 10 })).toEqual([]);
      await s.commit({ replaceSource: 'demo', meta: { k: null } });
      expect(await s.hasSource('demo')).toBe(false);
      expect(await s.hasSource('api')).toBe(true);
      expect(await s.getMeta('k')).toBeNull();
    });

    it('tokens: stored, found by hash, revoked once', async () => {
      const s = await open();
      await s.commit({ tokens: [token(), token({ id: 'ef567890', hash: 'e'.repeat(64), role: 'display', unit: null, expiresAt: T0 + 1000 })] });
      expect((await s.listTokens()).map((t) => t.id)).toEqual(['abcd1234', 'ef567890']);
      expect(await s.findToken('f'.repeat(64))).toEqual(token());
      expect(await s.findToken('0'.repeat(64))).toBeNull();
      expect(await s.revokeToken('abcd1234', T0 + 5)).toBe(true);
      expect(await s.revokeToken('abcd1234', T0 + 6)).toBe(false);
      expect(await s.revokeToken('nope', T0)).toBe(false);
      await s.commit({ revoke: { ef567890: T0 + 7 } });
      expect((await s.listTokens()).map((t) => t.revokedAt)).toEqual([T0 + 5, T0 + 7]);
      // A second token with the same hash is refused (unique), and nothing of its batch stays.
      await expect(s.commit({ tokens: [token({ id: 'other' })], audit: [audit()] })).rejects.toThrow();
      expect(await s.listAudit({ limit: 5 })).toEqual([]);
    });

    it('audit: newest first, paged by id', async () => {
      const s = await open();
      await s.appendAudit(audit({ detail: 'a' }));
      await s.commit({ audit: [audit({ detail: 'b' }), audit({ detail: 'c', outcome: 'refused', status: 403, role: null, target: null, requestId: null })] });
      const all = await s.listAudit({ limit: 10 });
      expect(all.map((e) => e.detail)).toEqual(['c', 'b', 'a']);
      expect(all[0]).toEqual({
        ...audit({ detail: 'c', outcome: 'refused', status: 403, role: null, target: null, requestId: null }),
        id: expect.any(Number),
        count: 1,
      });
      expect((await s.listAudit({ limit: 1, before: all[0]!.id })).map((e) => e.detail)).toEqual(['b']);
    });

    it('audit: a refusal counted under one key is one row with the count; pruning drops old rows', async () => {
      const s = await open();
      const refused = audit({ outcome: 'refused', status: 401, role: null, target: null, detail: 'unauthorized' });
      await s.countAudit(refused, 'k1', 1);
      await s.countAudit(refused, 'k1', 41);
      await s.appendAudit(audit({ at: refused.at + 1000 }));
      expect((await s.listAudit({ limit: 10 })).map((e) => e.count)).toEqual([1, 42]);
      expect(await s.pruneAudit(refused.at + 1)).toBe(1);
      expect(await s.listAudit({ limit: 10 })).toHaveLength(1);
    });

    it('idempotency: found by who and key, refused twice, forgotten after a day', async () => {
      const s = await open();
      const rec = { who: 'env-admin', key: 'k1', requestHash: 'h', accepted: 3, createdAt: RECEIVED };
      await s.commit({ idempotency: rec });
      expect(await s.findIdempotency('env-admin', 'k1')).toEqual(rec);
      expect(await s.findIdempotency('other', 'k1')).toBeNull();
      await expect(s.commit({ idempotency: rec })).rejects.toThrow();
      now = RECEIVED + 86_400_000 + 1;
      expect(await s.findIdempotency('env-admin', 'k1')).toBeNull();
    });

    it('target versions: oldest recorded first', async () => {
      const s = await open();
      const v = {
        indicator: 'land-database',
        target: 100,
        deadline: '2024-12-31',
        effectiveFrom: T0,
        recordedAt: T0 + 2,
        setBy: 'env-admin',
        reason: 'QĐ mới',
      };
      await s.commit({ targetVersions: [v, { ...v, target: 90.5, recordedAt: T0 + 1 }] });
      expect(await s.listTargetVersions()).toEqual([{ ...v, target: 90.5, recordedAt: T0 + 1 }, v]);
    });

    it('task versions and status reports: kept as sent, oldest received first; each write moves the data version', async () => {
      const s = await open();
      const definition = {
        id: 'dvc-toan-trinh',
        title: { vi: 'Trình DVC', en: 'Submit services' },
        owners: ['*'],
        deadline: '2024-09',
        source: { vi: 'KH', en: 'Plan' },
        milestones: [],
        dependsOn: [],
      };
      const version = { task: definition.id, definition, recordedAt: T0 + 2, setBy: 'env-admin', reason: 'gia hạn' };
      const before = await s.dataVersion();
      await s.commit({ taskVersions: [version, { ...version, recordedAt: T0 + 1, reason: 'ban đầu' }] });
      expect(await s.listTaskVersions()).toEqual([{ ...version, recordedAt: T0 + 1, reason: 'ban đầu' }, version]);
      const report = {
        task: definition.id,
        status: 'blocked' as const,
        percent: 40.5,
        reason: 'chờ kinh phí',
        note: null,
        evidence: 'https://x.vn/a',
        milestonesDone: 1,
        unit: 'tam-ky',
        reportedBy: 't1',
        receivedAt: T0,
      };
      await s.commit({ taskReports: [report, { ...report, status: 'in_progress', reason: null, receivedAt: T0 + 5 }] });
      expect(await s.listTaskReports()).toEqual([report, { ...report, status: 'in_progress', reason: null, receivedAt: T0 + 5 }]);
      expect(await s.dataVersion()).not.toBe(before);
    });

    it('the same value again changes nothing, not even when it was received; a new value is a correction received now', async () => {
      const s = await open();
      await s.insertReadings([reading()]);
      now = RECEIVED + 1000;
      await s.insertReadings([reading({ submittedBy: 'retry' })]);
      expect((await s.listReadings()).map((x) => [x.value, x.receivedAt, x.submittedBy])).toEqual([[45.5, RECEIVED, 'tester']]);
      now = RECEIVED + 2000;
      await s.insertReadings([reading({ value: 46, submittedBy: 'fix' })]);
      expect((await s.listReadings()).map((x) => [x.value, x.receivedAt, x.submittedBy])).toEqual([[46, RECEIVED + 2000, 'fix']]);
    });

    it('stamps received_at with the injected clock', async () => {
      const s = await open();
      now = RECEIVED + 42;
      await s.insertReadings([reading()]);
      expect((await s.listReadings())[0]!.receivedAt).toBe(RECEIVED + 42);
    });
  });
}
