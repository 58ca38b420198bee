import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDelta, type Snapshot, type UnitDetail } from '../../server/protocol/index.js';
import { CrosswalkError } from '../../server/boot.js';
import { daNangCopy } from '../../server/geography/testing.js';
import { connect, deltas, manualClock, ROOT, SHARED_GEO, startServer } from '../helpers/server.js';

const vn = (local: string) => Date.parse(`${local}+07:00`);
const DA_NANG = join(ROOT, 'config/province.json');
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('a bad crosswalk stops the server at boot, naming the row and field', () => {
  it("a 2025 code that is not the unit's", async () => {
    const geo = mkdtempSync(join(tmpdir(), 'ioc-geo-'));
    temp.push(geo);
    for (const f of readdirSync(SHARED_GEO)) if (f.endsWith('.geojson')) symlinkSync(join(SHARED_GEO, f), join(geo, f));
    const [header, first, ...rest] = readFileSync(join(SHARED_GEO, 'crosswalk-2024-2025.csv'), 'utf8').split('\n');
    const unit = first!.split(',')[0];
    writeFileSync(join(geo, 'crosswalk-2024-2025.csv'), [header, first!.replace(/^([^,]+),(\d+),/, '$1,99999,'), ...rest].join('\n'));
    const err = await startServer({ configFile: DA_NANG, geoDir: geo, demo: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CrosswalkError);
    expect((err as Error).message).toMatch(/crosswalk-2024-2025\.csv: row 2: unit_2025_code: expected .*"99999"/);
    expect((err as Error).message).toContain(unit);
  });
});

describe('reporting.since: a fresh deployment opens calm', () => {
  it('since = a day this month, no data: no unit is at risk, off track or overdue, no report missing or late', async () => {
    // Go-live on 20 Nov: November's report was due on the 15th, before the rule applied.
    // The task register aside: its deadlines are the plan's, not the go-live's (tests/integration/tasks.test.ts).
    const file = daNangCopy((cfg) => {
      (cfg.reporting as { since: string }).since = '2026-11-20';
      delete cfg.tasks;
    });
    const srv = await startServer({ configFile: file, demo: false, clock: manualClock(vn('2026-11-29T10:00:00'), false) });
    try {
      const s = (await (await fetch(`${srv.url}/api/state`)).json()) as Snapshot;
      expect(s.units.length).toBeGreaterThan(94);
      for (const u of s.units) {
        expect(['at_risk', 'off_track', 'overdue'], u.id).not.toContain(u.level);
        expect(
          u.reports.every((r) => r.status === 'not_yet_due'),
          u.id,
        ).toBe(true);
      }
      // Indicators without a reading stay no_data (grey): nothing yet is not failure, and not success either.
      expect(s.units.find((u) => u.id === 'phuong-hai-chau')!.level).toBe('no_data');
      // November's report was due before go-live: shown neutral in the detail too.
      const dec = (await (await fetch(`${srv.url}/api/units/phuong-hai-chau`)).json()) as UnitDetail;
      expect(dec.reports.at(-1)).toMatchObject({ period: '2026-11', status: 'not_yet_due' });
    } finally {
      await srv.stop();
    }
  });
});

describe('the live state crosses 1 Jul 2025 on the data clock', () => {
  it('one delta with the new geography and every unit in full; applied, it equals the new snapshot', async () => {
    const clock = manualClock(vn('2025-06-30T23:59:00'), true);
    const srv = await startServer({ configFile: DA_NANG, demo: false, clock });
    try {
      const { socket, snapshot } = await connect(srv.url);
      const seen = deltas(socket);
      expect(snapshot.geography.id).toBe('districts-2025');
      clock.set(vn('2025-07-01T00:01:00'));
      const d = srv.state.recompute('time');
      const got = await seen.seq(d.seq);
      expect(got.geography?.id).toBe('communes-2025');
      const after = applyDelta(snapshot, got);
      const now = srv.state.snapshot();
      expect(after).toEqual(now);
      expect(now.units.filter((u) => u.kind === 'area')).toHaveLength(94);
      // The next tick in the same geography is an ordinary delta.
      clock.set(vn('2025-07-01T00:02:00'));
      expect(srv.state.recompute('time').geography).toBeUndefined();
      socket.disconnect();
    } finally {
      await srv.stop();
    }
  });
});
