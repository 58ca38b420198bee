import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Boundaries, Snapshot, UnitDetail } from '../../server/protocol/index.js';
import type { RollupView } from '../../server/geography/lens.js';
import { manualClock, post, ROOT, startServer, type TestServer } from '../helpers/server.js';

/** An instant in Asia/Ho_Chi_Minh (UTC+7). */
const vn = (local: string) => Date.parse(`${local}+07:00`);
const NOW = vn('2026-11-29T10:00:00');

// A real deployment of today's Đà Nẵng (no demo), on a clock the test holds.
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ configFile: join(ROOT, 'config/province.json'), demo: false, clock: manualClock(NOW, false) });
});
afterAll(() => srv.stop());

const get = async <T>(path: string): Promise<{ status: number; body: T; headers: Headers }> => {
  const res = await fetch(srv.url + path);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
};
const state = async (asOf: string) => (await get<Snapshot>(`/api/state?asOf=${encodeURIComponent(asOf)}`)).body;
const areas = (s: Snapshot) => s.units.filter((u) => u.kind === 'area');

describe('the state at an instant uses the geography valid then (both sides of each boundary)', () => {
  it.each([
    ['2024-09-15', 'districts-2024', 26],
    ['2024-12-31T23:59:59+07:00', 'districts-2024', 26],
    ['2025-01-01T00:00:00+07:00', 'districts-2025', 25],
    ['2025-06-30T23:59:59+07:00', 'districts-2025', 25],
    ['2025-07-01T00:00:00+07:00', 'communes-2025', 94],
    ['2026-11-28', 'communes-2025', 94],
  ])('asOf %s → %s with %i area units', async (asOf, id, n) => {
    const s = await state(asOf);
    expect(s.geography.id).toBe(id);
    expect(areas(s)).toHaveLength(n);
    expect(s.province.attribution).toEqual(s.geography.attribution);
  });

  it('Nông Sơn is there to 31 Dec 2024 only; the 2025 wards only from 1 Jul 2025; departments by their own dates', async () => {
    const dec = await state('2024-12-31');
    const jan = await state('2025-01-01');
    const jul = await state('2025-07-01');
    expect(dec.units.map((u) => u.id)).toContain('nong-son');
    expect(jan.units.map((u) => u.id)).not.toContain('nong-son');
    expect(jan.units.map((u) => u.id)).toContain('so-tnmt');
    expect((await state('2025-03-01')).units.map((u) => u.id)).not.toContain('so-tnmt');
    expect(jul.units.map((u) => u.id)).toContain('phuong-tam-ky');
    expect(jul.units.map((u) => u.id)).not.toContain('tam-ky');
    expect(jul.geography).toEqual({ id: 'communes-2025', name: expect.any(Object), from: '2025-07-01', until: null, attribution: expect.any(Object) });
  });

  it("the live state is today's: 94 units, Hoàng Sa not reporting, neutral, uncounted and ranked last", async () => {
    const live = (await get<Snapshot>('/api/state')).body;
    expect(live.geography.id).toBe('communes-2025');
    const hs = live.units.find((u) => u.id === 'dac-khu-hoang-sa')!;
    expect(hs).toMatchObject({ notReporting: true, level: 'met', score: 0, indicators: [], kindRank: 94 });
    expect(hs.reports.every((r) => r.status === 'not_yet_due')).toBe(true);
    expect(live.units.filter((u) => u.notReporting).map((u) => u.id)).toEqual(['dac-khu-hoang-sa']);
    expect(Object.values(live.counts.area).reduce((a, b) => a + b, 0)).toBe(93);
  });
});

describe('GET /api/geo?version=', () => {
  it("each version's boundaries, Hoàng Sa marked as an inset; today's without version", async () => {
    const old = await get<Boundaries>('/api/geo?version=districts-2024');
    expect(old.status).toBe(200);
    expect(old.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(old.body.features).toHaveLength(26);
    expect(old.body.features.find((f) => f.properties.id === 'hoang-sa')!.properties.inset).toBe(true);
    expect((await get<Boundaries>('/api/geo?version=districts-2025')).body.features.map((f) => f.properties.id)).not.toContain('nong-son');
    const today = (await get<Boundaries>('/api/geo')).body;
    expect(today.features).toHaveLength(94);
    expect(today.features.filter((f) => f.properties.inset).map((f) => f.properties.id)).toEqual(['dac-khu-hoang-sa']);
  });
  it('an unknown version is 404 not_found', async () => {
    const r = await get<{ error: { code: string } }>('/api/geo?version=communes-1999');
    expect([r.status, r.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('unit detail: lineage, and no history before a unit existed', () => {
  it('a 2025 ward says where it came from', async () => {
    const d = (await get<UnitDetail>('/api/units/phuong-tam-ky')).body;
    expect(d.lineage).toEqual({
      from: '2025-07-01',
      text: { vi: 'từ 01/07/2025; trước đó thuộc thành phố Tam Kỳ', en: 'since 01/07/2025; before that in Tam Ky city' },
      predecessors: [{ id: 'tam-ky', name: { vi: 'Tam Kỳ', en: 'Tam Ky' }, partial: false, version: 'districts-2024' }],
    });
    expect((await get<UnitDetail>('/api/units/phuong-hoa-xuan')).body.lineage!.predecessors.every((p) => p.partial)).toBe(true);
  });
  it('a 2024 district has no lineage; a 2025 ward in 2024 is not found, naming its validity', async () => {
    expect((await get<UnitDetail>('/api/units/tam-ky?asOf=2024-09-15')).body.lineage).toBeNull();
    const r = await get<{ error: { code: string; message: string } }>('/api/units/phuong-tam-ky?asOf=2024-09-15');
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('chỉ có hiệu lực từ 01/07/2025');
  });
});

describe("GET /api/rollup?lens=: today's units through the 2024 districts", () => {
  it('groups by predecessor with the documented rule, consistent with the state', async () => {
    const at = '2026-11-20T09:00:00+07:00';
    const readings = [40, 60].map((value, i) => ({ unit: ['xa-nong-son', 'xa-que-phuoc'][i], indicator: 'procedures-online', value, at }));
    expect((await post(srv.url, '/api/readings', { readings })).status).toBe(200);
    const r = await get<RollupView>('/api/rollup?lens=districts-2024');
    expect(r.status).toBe(200);
    expect(r.body.lens).toBe('districts-2024');
    expect(r.body.rule.vi).toContain('xấu nhất');
    // Live, so that the readings just received are known (the time machine dates what was known when).
    const s = (await get<Snapshot>('/api/state')).body;
    const level = new Map(s.units.map((u) => [u.id, u.level]));
    const nongSon = r.body.groups.find((g) => g.id === 'nong-son')!;
    expect(nongSon.name).toEqual({ vi: 'huyện Nông Sơn', en: 'Nong Son district' });
    expect(nongSon.units.sort()).toEqual(['xa-nong-son', 'xa-que-phuoc']);
    expect(r.body.groups.find((g) => g.id === 'cam-le')!.partialUnits).toContain('phuong-hoa-xuan');
    // Hoàng Sa does not report: no group.
    expect(r.body.groups.map((g) => g.id)).not.toContain('hoang-sa');
    const sev = ['met', 'on_track', 'at_risk', 'no_data', 'off_track', 'overdue'];
    for (const g of r.body.groups) {
      const withData = g.units.map((u) => level.get(u)!).filter((l) => l !== 'no_data');
      const worst = withData.reduce<string | null>((w, l) => (w === null || sev.indexOf(l) > sev.indexOf(w) ? l : w), null);
      expect(g.level, g.id).toBe(worst ?? 'no_data');
      expect(g.shareAtRisk, g.id).toBe(
        withData.length ? withData.filter((l) => ['at_risk', 'off_track', 'overdue'].includes(l)).length / withData.length : null,
      );
      // Values: the unweighted mean of the members' current values, said so.
      for (const v of g.values) {
        const vals = g.units.map((u) => s.units.find((x) => x.id === u)!.indicators.find((i) => i.id === v.indicator)?.value).filter((x) => x != null);
        expect([v.method, v.of], `${g.id} ${v.indicator}`).toEqual(['unweighted_mean', vals.length]);
        expect(v.value).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 9);
      }
    }
    expect(nongSon.values).toEqual([{ indicator: 'procedures-online', value: 50, method: 'unweighted_mean', of: 2 }]);
    expect(r.body.valueRule.vi).toContain('không trọng số');
  });
  it("a lens that leads nowhere from the state's geography is refused on field lens", async () => {
    for (const q of ['lens=communes-2025', 'lens=districts-2024&asOf=2024-09-15', '']) {
      const r = await get<{ error: { code: string; details: { field: string }[] } }>(`/api/rollup?${q}`);
      expect([r.status, r.body.error.code, r.body.error.details[0]!.field], q).toEqual([400, 'validation_failed', 'lens']);
    }
  });
});
