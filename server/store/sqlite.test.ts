import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite.js';
import type { NewReading, NewReport, Store } from './store.js';

const T0 = Date.parse('2024-08-31T10:00:00+07:00');
const RECEIVED = Date.parse('2024-08-31T10:05:00+07:00');

const reading = (over: Partial<NewReading> = {}): NewReading => ({
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

describe('openSqliteStore', () => {
  let dir: string;
  let store: Store | null;
  /** Other connections opened by a test, closed afterwards. */
  const extra: Database.Database[] = [];

  const open = (): Store => (store = openSqliteStore(dir, () => RECEIVED));
  const reopen = async (): Promise<Store> => {
    await store?.close();
    return open();
  };
  const raw = (): Database.Database => {
    const db = new Database(join(dir, 'ioc.sqlite'), { readonly: true });
    extra.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-store-'));
    store = null;
  });
  afterEach(async () => {
    for (const db of extra.splice(0)) db.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the data folder and the tables', async () => {
    const nested = join(dir, 'a', 'b');
    const s = openSqliteStore(nested);
    const db = new Database(join(nested, 'ioc.sqlite'), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    db.close();
    await s.close();
    expect(tables).toEqual(expect.arrayContaining(['meta', 'readings', 'reports', 'schema_migrations']));
  });

  it('applies every migration once and is idempotent on reopen', async () => {
    open();
    await store!.insertReadings([reading()]);
    await reopen();
    await reopen();
    const rows = raw().prepare('SELECT id, name FROM schema_migrations ORDER BY id').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ id: m.id, name: m.name })));
    expect(await store!.counts()).toEqual({ readings: 1, reports: 0 });
  });

  it('keeps readings, reports and meta across close and reopen', async () => {
    open();
    expect(await store!.insertReadings([reading(), reading({ unit: 'hoi-an', value: 12, at: T0 - 86_400_000 })])).toBe(2);
    expect(await store!.insertReports([report()])).toBe(1);
    await store!.setMeta('demo', 'loaded');
    await reopen();
    expect(await store!.counts()).toEqual({ readings: 2, reports: 1 });
    const readings = await store!.listReadings();
    // oldest first
    expect(readings.map((r) => r.unit)).toEqual(['hoi-an', 'tam-ky']);
    expect(readings[1]).toEqual({ ...reading(), id: expect.any(Number), receivedAt: RECEIVED });
    expect(await store!.listReports()).toEqual([{ ...report(), id: expect.any(Number) }]);
    expect(await store!.getMeta('demo')).toBe('loaded');
  });

  it('insertReadings is all or nothing: one bad row stores none', async () => {
    open();
    await store!.insertReadings([reading({ at: T0 - 1000 })]);
    const before = await store!.counts();
    const batch = [reading({ unit: 'hoi-an' }), reading({ unit: 'dai-loc' }), reading({ value: null as unknown as number }), reading({ unit: 'que-son' })];
    await expect(store!.insertReadings(batch)).rejects.toThrow(/NOT NULL/);
    expect(await store!.counts()).toEqual(before);
    expect((await store!.listReadings()).map((r) => r.unit)).toEqual(['tam-ky']);
    // the store still works after the failed transaction
    expect(await store!.insertReadings([reading({ unit: 'hoi-an' })])).toBe(1);
    expect((await store!.counts()).readings).toBe(2);
  });

  it('insertReports is all or nothing too', async () => {
    open();
    await expect(store!.insertReports([report(), report({ period: null as unknown as string })])).rejects.toThrow(/NOT NULL/);
    expect(await store!.counts()).toEqual({ readings: 0, reports: 0 });
  });

  it('an empty batch inserts nothing', async () => {
    open();
    expect(await store!.insertReadings([])).toBe(0);
    expect(await store!.counts()).toEqual({ readings: 0, reports: 0 });
  });

  it('runs in WAL mode', async () => {
    open();
    const mode = raw().pragma('journal_mode', { simple: true });
    expect(mode).toBe('wal');
  });

  it('meta: null when absent, set, overwrite', async () => {
    open();
    expect(await store!.getMeta('demo')).toBeNull();
    await store!.setMeta('demo', 'v1');
    expect(await store!.getMeta('demo')).toBe('v1');
    await store!.setMeta('demo', 'v2');
    await store!.setMeta('other', 'x');
    expect(await store!.getMeta('demo')).toBe('v2');
    expect(await store!.getMeta('other')).toBe('x');
    await reopen();
    expect(await store!.getMeta('demo')).toBe('v2');
  });

  it('stamps received_at with the injected clock', async () => {
    open();
    await store!.insertReadings([reading()]);
    expect((await store!.listReadings())[0]!.receivedAt).toBe(RECEIVED);
  });
});

describe('corrections and batches', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ioc-store-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const r = (value: number, at = 1_000, source: 'api' | 'demo' = 'api') => ({ unit: 'u', indicator: 'i', value, at, source, submittedBy: 't' });

  it('a reading for the same unit, indicator and instant replaces the stored one (a retry never doubles data)', async () => {
    const store = openSqliteStore(dir);
    await store.insertReadings([r(1), r(2, 2_000)]);
    await store.insertReadings([r(1), r(2, 2_000)]);
    await store.insertReadings([r(5)]);
    expect((await store.listReadings()).map((x) => [x.at, x.value])).toEqual([
      [1_000, 5],
      [2_000, 2],
    ]);
    await store.close();
  });

  it('commit replaces a source, writes rows and meta in one transaction, or nothing', async () => {
    const store = openSqliteStore(dir);
    await store.insertReadings([r(1, 1_000, 'api'), r(2, 2_000, 'demo')]);
    await store.commit({ replaceSource: 'demo', readings: [r(3, 3_000, 'demo')], meta: { k: 'v' } });
    expect((await store.listReadings()).map((x) => [x.source, x.value])).toEqual([
      ['api', 1],
      ['demo', 3],
    ]);
    expect(await store.getMeta('k')).toBe('v');
    expect(await store.hasSource('demo')).toBe(true);
    // A bad row in the batch: the deletion and the meta change are rolled back too.
    await expect(store.commit({ replaceSource: 'demo', readings: [r(Number.NaN as unknown as number, 4_000, 'demo'), { ...r(4), unit: null as unknown as string }], meta: { k: 'w' } })).rejects.toThrow();
    expect((await store.listReadings()).map((x) => [x.source, x.value])).toEqual([
      ['api', 1],
      ['demo', 3],
    ]);
    expect(await store.getMeta('k')).toBe('v');
    await store.commit({ replaceSource: 'demo', meta: { k: null } });
    expect(await store.hasSource('demo')).toBe(false);
    expect(await store.getMeta('k')).toBeNull();
    await store.close();
  });
});
