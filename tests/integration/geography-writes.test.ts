import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot, UnitDetail } from '../../server/protocol/index.js';
import { COLUMNS } from '../../server/ingest/sheet/interpret.js';
import { manualClock, post, ROOT, startServer, TOKEN, type TestServer } from '../helpers/server.js';

/** An instant in Asia/Ho_Chi_Minh (UTC+7). */
const vn = (local: string) => `${local}+07:00`;
const NOW = Date.parse(vn('2026-11-29T10:00:00'));

let srv: TestServer;
let indicator: string;
beforeAll(async () => {
  srv = await startServer({ configFile: join(ROOT, 'config/province.json'), demo: false, clock: manualClock(NOW, false) });
  const s = (await (await fetch(`${srv.url}/api/state`)).json()) as Snapshot;
  indicator = s.indicators.find((i) => i.appliesTo.includes('area') && i.unit === 'percent')!.id;
});
afterAll(() => srv.stop());

const reading = (unit: string, at: string, value = 50) => ({ unit, indicator, value, at: vn(at) });
const stored = async () => (await srv.store.counts()).readings;

describe("readings outside a unit's validity are refused, all or nothing", () => {
  it('a 2025 ward on 30 Jun 2025 is refused with the validity message on field unit; nothing of the batch is stored', async () => {
    const before = await stored();
    const r = await post(srv.url, '/api/readings', {
      readings: [reading('phuong-tam-ky', '2025-07-02T09:00:00'), reading('phuong-tam-ky', '2025-06-30T23:59:00')],
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('validation_failed');
    expect(r.json.error.details).toEqual([
      {
        row: 1,
        field: 'unit',
        problem: 'outside_validity',
        message: 'đơn vị phường Tam Kỳ chỉ có hiệu lực từ 01/07/2025 / unit Tam Ky ward is only valid from 01/07/2025',
      },
    ]);
    expect(await stored()).toBe(before);
  });
  it('the same ward on 1 Jul 2025 00:00 is accepted', async () => {
    expect((await post(srv.url, '/api/readings', { readings: [reading('phuong-tam-ky', '2025-07-01T00:00:00')] })).status).toBe(200);
  });
  it('a 2024 district: accepted on 30 Jun 2025, refused from 1 Jul 2025', async () => {
    expect((await post(srv.url, '/api/readings', { readings: [reading('tam-ky', '2025-06-30T12:00:00')] })).status).toBe(200);
    const r = await post(srv.url, '/api/readings', { readings: [reading('tam-ky', '2025-07-01T00:00:00')] });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0]).toMatchObject({
      field: 'unit',
      message: expect.stringContaining('đơn vị thành phố Tam Kỳ chỉ có hiệu lực đến 30/06/2025'),
    });
  });
  it("the ward's detail starts at its creation: the district's readings are not mixed in", async () => {
    const d = (await (await fetch(`${srv.url}/api/units/phuong-tam-ky`)).json()) as UnitDetail;
    expect(d.indicators.find((i) => i.id === indicator)!.series).toEqual([{ at: '2025-07-01T00:00:00.000+07:00', value: 50 }]);
  });
});

describe("reports and imports outside a unit's validity", () => {
  it('a report is for a month the unit existed in', async () => {
    const bad = await post(srv.url, '/api/reports', {
      reports: [
        { unit: 'phuong-tam-ky', period: '2025-06' },
        { unit: 'que-son', period: '2025-07' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d) => [d.row, d.field, d.problem])).toEqual([
      [0, 'unit', 'outside_validity'],
      [1, 'unit', 'outside_validity'],
    ]);
    expect(bad.json.error.details[1]!.message).toContain('huyện Quế Sơn chỉ có hiệu lực đến 30/06/2025');
    expect(
      (
        await post(srv.url, '/api/reports', {
          reports: [
            { unit: 'phuong-tam-ky', period: '2025-07' },
            { unit: 'que-son', period: '2025-06' },
          ],
        })
      ).status,
    ).toBe(200);
  });
  it('an import row for a ward before 1 Jul 2025 is refused with its row; nothing is stored', async () => {
    const before = await stored();
    const header = COLUMNS.map((c) => c.vi).join(';');
    const csv = `${header}\nphuong-hai-chau;${indicator};10/2026;55;\nphuong-tam-ky;${indicator};06/2025;40;\n`;
    const res = await fetch(`${srv.url}/api/import`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' }, body: csv });
    const body = (await res.json()) as { error: { details: { row: number; field: string; message: string }[] } };
    expect(res.status).toBe(400);
    expect(body.error.details).toHaveLength(1);
    // Named by its column, as every problem of a sheet is.
    expect(body.error.details[0]).toMatchObject({
      row: 3,
      field: 'Đơn vị',
      problem: 'outside_validity',
      message: expect.stringContaining('chỉ có hiệu lực từ 01/07/2025'),
    });
    expect(await stored()).toBe(before);
  });
});
