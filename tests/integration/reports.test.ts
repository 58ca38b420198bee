import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problems } from '../helpers/fixtures.js';
import { connect, next, post, startServer, type TestServer } from '../helpers/server.js';

const local = (iso: string) => Date.parse(`${iso}+07:00`);

describe('monthly reports (POST /api/reports)', () => {
  let srv: TestServer;
  const setNow = (t: number) => (srv.clock as typeof srv.clock & { set(t: number): void }).set(t);
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it('is on time until 23:59:59 on the 14th (local time), late from 00:00 on the 15th; the wall follows live', async () => {
    setNow(local('2024-09-14T23:59:59'));
    const c = await connect(srv.url);
    const delta = next(c.socket, 'state:delta');
    const onTime = await post(srv.url, '/api/reports', { reports: [{ unit: 'que-son', period: '2024-09' }] });
    expect(onTime.status).toBe(200);
    expect(onTime.json).toMatchObject({
      accepted: 1,
      reports: [{ unit: 'que-son', period: '2024-09', status: 'on_time', dueAt: '2024-09-15T00:00:00.000+07:00' }],
    });
    const patch = (await delta).units.find((u) => u.id === 'que-son')!;
    expect(patch.reports!.at(-1)).toMatchObject({ period: '2024-09', status: 'on_time' });
    c.socket.disconnect();

    setNow(local('2024-09-15T00:00:00'));
    srv.state.recompute();
    const before = srv.state
      .snapshot()
      .units.find((u) => u.id === 'thang-binh')!
      .reports.at(-1)!;
    expect(before).toMatchObject({ period: '2024-09', status: 'missing' });
    const late = await post(srv.url, '/api/reports', { reports: [{ unit: 'thang-binh', period: '2024-09' }] });
    expect(late.json.reports[0]).toMatchObject({ status: 'late' });
    expect(
      srv.state
        .snapshot()
        .units.find((u) => u.id === 'thang-binh')!
        .reports.at(-1),
    ).toMatchObject({ status: 'late', submittedAt: '2024-09-15T00:00:00.000+07:00' });
  });

  it('names every bad row and field and stores nothing', async () => {
    const counts = await srv.store.counts();
    const res = await post(srv.url, '/api/reports', {
      reports: [
        { unit: 'atlantis', period: '2024-09' },
        { unit: 'tam-ky', period: '2024-13' },
        { unit: 'tam-ky', period: '2025-01' },
        { unit: 'tam-ky', period: '2019-01' },
        { unit: 'hoi-an', period: '2024-09' },
        { unit: 'hoi-an', period: '2024-09' },
      ],
    });
    expect(res.status).toBe(400);
    expect(problems(res.json.error.details)).toEqual([
      'row 0 unit: unknown_unit',
      'row 1 period: invalid_format',
      'row 2 period: in_future',
      'row 3 period: too_old',
      'row 5 period: duplicate',
    ]);
    expect(await srv.store.counts()).toEqual(counts);
  });

  it('a unit token files for its own unit only', async () => {
    const mint = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'tam-ky', label: 'Tam Kỳ' });
    const token = (mint.json as unknown as { token: string }).token;
    expect((await post(srv.url, '/api/reports', { reports: [{ unit: 'tam-ky', period: '2024-09' }] }, token)).status).toBe(200);
    const other = await post(srv.url, '/api/reports', { reports: [{ unit: 'hoi-an', period: '2024-09' }] }, token);
    expect(other.status).toBe(403);
    expect(other.json.error.details[0]).toMatchObject({ row: 0, field: 'unit', problem: 'forbidden_unit' });
  });
});
