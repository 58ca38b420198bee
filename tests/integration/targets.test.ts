import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, next, post, startServer, type TestServer } from '../helpers/server.js';

const local = (iso: string) => Date.parse(`${iso}+07:00`);

describe('targets and deadlines change by decision', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
    // Early October 2024: the land database was due on 30/09.
    (srv.clock as typeof srv.clock & { set(t: number): void }).set(local('2024-10-05T09:00:00'));
    srv.state.recompute();
  });
  afterAll(async () => srv.stop());

  it('a moved deadline is applied from its date, kept with who and why, and marked, never silent', async () => {
    const land = () =>
      srv.state
        .snapshot()
        .units.find((u) => u.id === 'nam-tra-my')!
        .indicators.find((i) => i.id === 'land-database')!;
    expect(land().level).toBe('overdue');
    const c = await connect(srv.url);
    const delta = next(c.socket, 'state:delta');
    const res = await post(srv.url, '/api/targets', {
      indicator: 'land-database',
      deadline: '2025-06-30',
      effectiveFrom: '2024-09-25',
      reason: 'Thông báo 27-TB/TGV: trung ương dời hạn đến 30/6/2025',
    });
    expect(res.status).toBe(201);
    const d = await delta;
    c.socket.disconnect();
    const patched = d.units.find((u) => u.id === 'nam-tra-my')!.indicators!.find((i) => i.id === 'land-database')!;
    expect(patched.level).not.toBe('overdue');
    expect(patched.deadline).toBe('2025-06-30');
    expect(patched.revision).toMatchObject({
      originalDeadline: '2024-09-30',
      originalTarget: 100,
      effectiveFrom: '2024-09-25T00:00:00.000+07:00',
      setBy: 'env-admin',
    });
    expect(d.indicators!.find((i) => i.id === 'land-database')).toMatchObject({
      deadline: '2025-06-30',
      revision: expect.objectContaining({ reason: expect.stringContaining('27-TB/TGV') }),
    });

    const list = (await (await fetch(`${srv.url}/api/targets`)).json()) as { versions: { indicator: string; setBy: string; reason: string }[] };
    expect(list.versions).toEqual([expect.objectContaining({ indicator: 'land-database', setBy: 'env-admin', reason: expect.stringContaining('dời hạn') })]);
  });

  it('a change that takes effect later changes nothing yet', async () => {
    const before = srv.state
      .snapshot()
      .units.find((u) => u.id === 'tam-ky')!
      .indicators.find((i) => i.id === 'online-dossier-rate')!;
    expect(
      (
        await post(srv.url, '/api/targets', {
          indicator: 'online-dossier-rate',
          target: 60,
          effectiveFrom: '2024-11-01',
          reason: 'Kế hoạch tỉnh nâng chỉ tiêu',
        })
      ).status,
    ).toBe(201);
    const after = srv.state
      .snapshot()
      .units.find((u) => u.id === 'tam-ky')!
      .indicators.find((i) => i.id === 'online-dossier-rate')!;
    expect(after.target).toBe(before.target);
    expect(after.revision).toBeNull();
  });

  it('refuses bad changes precisely, and non-admins', async () => {
    const bad = await post(srv.url, '/api/targets', { indicator: 'land-database', target: 140, effectiveFrom: 'soon', reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d) => d.field).sort()).toEqual(['effectiveFrom', 'reason']);
    const none = await post(srv.url, '/api/targets', { indicator: 'land-database', effectiveFrom: '2024-10-01', reason: 'no change at all' });
    expect(none.json.error.details).toEqual([expect.objectContaining({ field: 'target', problem: 'missing' })]);
    const range = await post(srv.url, '/api/targets', { indicator: 'land-database', target: 140, effectiveFrom: '2024-10-01', reason: 'too ambitious' });
    expect(range.json.error.details).toEqual([expect.objectContaining({ field: 'target', problem: 'out_of_range' })]);
    const mint = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'tam-ky', label: 'Tam Kỳ' });
    const token = (mint.json as unknown as { token: string }).token;
    expect(
      (await post(srv.url, '/api/targets', { indicator: 'land-database', deadline: '2030-01-01', effectiveFrom: '2024-10-01', reason: 'make it green' }, token))
        .status,
    ).toBe(403);
  });
});
