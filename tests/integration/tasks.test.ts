import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskDetail } from '../../server/protocol/tasks.js';
import { post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

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
  beforeAll(async () => {
    srv = await startServer();
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
    const ok = await post(srv.url, '/api/tasks/thu-dvc/confirm', {});
    expect(ok).toMatchObject({ status: 201, json: { progress: 'done', level: 'met' } });
    expect((await post(srv.url, '/api/tasks/thu-dvc/confirm', {})).status).toBe(409);
    const [dvc] = await unitTasks(srv.url, 'tam-ky');
    expect(dvc!.reports.map((r) => [r.status, r.unit])).toEqual([
      ['in_progress', 'tam-ky'],
      ['done', 'tam-ky'],
      ['confirmed', null],
    ]);
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
