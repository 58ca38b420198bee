import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../server/protocol/tasks.js';
import { DEMO_NOW, manualClock, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const HEAD = 'Mã nhiệm vụ;Tên nhiệm vụ;Đơn vị chủ trì;Thời hạn;Căn cứ;Phụ thuộc;Lý do\n';
const GOOD =
  HEAD +
  'thu-dvc;Trình phê duyệt DVC toàn trình;Tam Kỳ, so-tttt;09/2024;KH 06 tỉnh;;\n' +
  'thu-ha-tang;Bảo đảm hạ tầng, trang thiết bị;mọi xã;Q4/2024;KH 06 tỉnh;thu-dvc;\n';

async function upload(url: string, csv: string, dryRun = false) {
  const res = await fetch(`${url}/api/tasks/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv', 'x-filename': 'nhiem-vu.csv' },
    body: csv,
  });
  return {
    status: res.status,
    json: (await res.json()) as Record<string, unknown> & { error?: { details: { row?: number; field: string; problem: string }[] } },
  };
}
// The tasks this file imports (the shipped configuration has its own).
const unitTasks = async (url: string, unit: string) =>
  ((await (await fetch(`${url}/api/units/${unit}/tasks`)).json()) as { tasks: TaskDetail[] }).tasks.filter((t) => t.id.startsWith('thu-'));

describe('the task register: import and status reports', () => {
  let srv: TestServer;
  let unitToken: string;
  const clock = manualClock(DEMO_NOW);
  beforeAll(async () => {
    srv = await startServer({ clock });
    const res = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'tam-ky', label: 'UBND Tam Kỳ' });
    unitToken = (res.json as unknown as { token: string }).token;
  });
  afterAll(async () => srv.stop());

  it('bad rows are named by row and column, and nothing is stored', async () => {
    const bad = GOOD + 'x;Thiếu hạn;Nowhere;tháng chín;KH;;\nvong;Vòng;Tam Kỳ;2024-09-30;KH;vong;\n';
    const res = await upload(srv.url, bad);
    expect(res.status).toBe(400);
    expect(res.json.error!.details.map((d) => [d.row, d.field, d.problem])).toEqual([
      [4, 'Đơn vị chủ trì', 'unknown_unit'],
      [4, 'Thời hạn', 'invalid_deadline'],
      [5, 'Phụ thuộc', 'self'],
      [5, 'Phụ thuộc', 'cycle'],
    ]);
    expect(await unitTasks(srv.url, 'tam-ky')).toEqual([]);
  });

  it('a dry run previews; the import stores versions; a moved deadline needs a reason and keeps the old one', async () => {
    const dry = await upload(srv.url, GOOD, true);
    expect(dry).toMatchObject({ status: 200, json: { dryRun: true, rows: 2, new: 2 } });
    expect(await unitTasks(srv.url, 'tam-ky')).toEqual([]);
    expect((await upload(srv.url, GOOD)).json).toMatchObject({ accepted: 2, new: 2 });
    const tasks = await unitTasks(srv.url, 'tam-ky');
    expect(tasks.map((t) => [t.id, t.deadline, t.level])).toEqual([
      ['thu-dvc', '2024-09', 'on_track'],
      ['thu-ha-tang', '2024-Q4', 'on_track'],
    ]);
    const moved = GOOD.replace('09/2024;KH 06 tỉnh;;', '10/2024;KH 06 tỉnh;;');
    expect((await upload(srv.url, moved)).json.error!.details).toEqual([expect.objectContaining({ row: 2, field: 'Lý do', problem: 'missing_reason' })]);
    expect((await upload(srv.url, moved.replace('10/2024;KH 06 tỉnh;;', '10/2024;KH 06 tỉnh;;Công văn gia hạn'))).json).toMatchObject({ update: 1, same: 1 });
    const [dvc] = await unitTasks(srv.url, 'tam-ky');
    expect(dvc!.versions.map((v) => [v.deadline, v.reason])).toEqual([
      ['2024-09', 'nhập từ tệp nhiem-vu.csv'],
      ['2024-10', 'Công văn gia hạn'],
    ]);
  });

  it("a unit token reports its own tasks only; done waits for the province office's confirmation", async () => {
    const progress = await post(srv.url, '/api/tasks/thu-dvc/status', { status: 'in_progress', percent: 10 }, unitToken);
    expect(progress.status).toBe(201);
    const bad = await post(srv.url, '/api/tasks/thu-dvc/status', { status: 'blocked' }, unitToken);
    expect(bad.json.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const done = await post(srv.url, '/api/tasks/thu-dvc/status', { status: 'done', evidence: 'https://tamky.gov.vn/qd-123' }, unitToken);
    expect(done.json).toMatchObject({ status: 'done', progress: 'awaiting_confirmation' });
    expect((await post(srv.url, '/api/tasks/thu-dvc/confirm', {}, unitToken)).status).toBe(403);
    // Two owners: the office names whose "done" it confirms.
    expect((await post(srv.url, '/api/tasks/thu-dvc/confirm', {})).json.error.details).toEqual([
      expect.objectContaining({ field: 'unit', problem: 'required' }),
    ]);
    const ok = await post(srv.url, '/api/tasks/thu-dvc/confirm', { unit: 'tam-ky' });
    expect(ok).toMatchObject({ status: 201, json: { unit: 'tam-ky', progress: 'done', level: 'met' } });
    expect((await post(srv.url, '/api/tasks/thu-dvc/confirm', { unit: 'tam-ky' })).status).toBe(409);
    expect((await post(srv.url, '/api/tasks/thu-dvc/confirm', { unit: 'so-tttt' })).status).toBe(409);
    const [dvc] = await unitTasks(srv.url, 'tam-ky');
    expect(dvc!.reports.map((r) => [r.status, r.unit])).toEqual([
      ['in_progress', 'tam-ky'],
      ['done', 'tam-ky'],
      ['confirmed', 'tam-ky'],
    ]);
  });

  it("commune A's done leaves commune B's level unchanged; the register counts owners; the time machine shows it as known then", async () => {
    const other = 'hoi-an';
    const before = (await unitTasks(srv.url, other)).find((t) => t.id === 'thu-ha-tang')!;
    clock.set(DEMO_NOW + 3_600_000);
    const done = await post(srv.url, '/api/tasks/thu-ha-tang/status', { status: 'done' }, unitToken);
    expect(done.json).toMatchObject({ unit: 'tam-ky', progress: 'awaiting_confirmation' });
    const asOf = new Date(DEMO_NOW + 1_800_000).toISOString();
    expect((await post(srv.url, '/api/tasks/thu-ha-tang/confirm', { unit: 'tam-ky' })).status).toBe(201);
    const mine = (await unitTasks(srv.url, 'tam-ky')).find((t) => t.id === 'thu-ha-tang')!;
    expect(mine).toMatchObject({ level: 'met', progress: 'done', byOwner: [{ unit: 'tam-ky', level: 'met' }] });
    const theirs = (await unitTasks(srv.url, other)).find((t) => t.id === 'thu-ha-tang')!;
    expect([theirs.level, theirs.progress, theirs.reports]).toEqual([before.level, before.progress, []]);
    const all = ((await (await fetch(`${srv.url}/api/tasks`)).json()) as { tasks: TaskDetail[] }).tasks.find((t) => t.id === 'thu-ha-tang')!;
    expect(all.ownerCounts).toMatchObject({ total: all.owners.length, done: 1 });
    expect(all.owners.length).toBeGreaterThan(2);
    // An office report on a task of many owners must name the unit.
    expect((await post(srv.url, '/api/tasks/thu-ha-tang/status', { status: 'not_started' })).json.error.details).toEqual([
      expect.objectContaining({ field: 'unit', problem: 'required' }),
    ]);
    const then = ((await (await fetch(`${srv.url}/api/units/tam-ky/tasks?asOf=${encodeURIComponent(asOf)}`)).json()) as { tasks: TaskDetail[] }).tasks;
    expect(then.find((t) => t.id === 'thu-ha-tang')!.progress).not.toBe('done');
  });

  it('a unit token may not report a task its unit does not own: 403 naming the task and unit, audited', async () => {
    const mine = await post(srv.url, '/api/tokens', { role: 'unit', unit: 'so-tu-phap', label: 'Sở Tư pháp' });
    const token = (mine.json as unknown as { token: string }).token;
    const res = await post(srv.url, '/api/tasks/thu-ha-tang/status', { status: 'in_progress', percent: 5 }, token);
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain('"thu-ha-tang"');
    expect(res.json.error.message).toContain('"so-tu-phap"');
    expect((await post(srv.url, '/api/tasks/nope/status', { status: 'not_started' }, token)).status).toBe(404);
    const audit = (await (await fetch(`${srv.url}/api/audit?limit=5`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      entries: { action: string; outcome: string }[];
    };
    expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'tasks.status', outcome: 'refused' }));
  });
});
