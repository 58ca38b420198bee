import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { assessState } from '../engine/state.js';
import { EngineInputs } from '../engine/inputs.js';
import { applyDelta } from '../protocol/patch.js';
import { LiveState } from '../state/live.js';
import type { TaskReportRow } from '../store/task-rows.js';
import { localInstant } from '../time/local.js';
import type { TaskDef } from './schema.js';

const TZ = 'Asia/Ho_Chi_Minh';
const base = loadConfig('config/quang-nam-2024.json');
const task = (id: string, owners: string[], over: Partial<TaskDef> = {}): TaskDef => ({
  id,
  title: { vi: `Nhiệm vụ ${id}`, en: `Task ${id}` },
  owners,
  deadline: '2024-09',
  source: { vi: 'KH 06', en: 'Plan 06' },
  milestones: [],
  dependsOn: [],
  ...over,
});
const config = { ...base, tasks: { ...base.tasks, tasks: [task('a', ['tam-ky', 'so-tttt']), task('b', ['*'], { deadline: '2024-Q4', dependsOn: ['a'] })] } };
const report = (task: string, status: TaskReportRow['status'], receivedAt: number, percent: number | null = null): TaskReportRow => ({
  task,
  status,
  percent,
  reason: status === 'blocked' ? 'thiếu kinh phí' : null,
  note: null,
  evidence: null,
  milestonesDone: null,
  unit: 'tam-ky',
  reportedBy: 't',
  receivedAt,
});

describe('tasks in the live state', () => {
  it('a status report changes the owners’ units; the live state equals the full engine and the deltas rebuild it', () => {
    let t = localInstant(TZ, 2024, 9, 25);
    const live = new LiveState(config, { now: () => t, demo: false });
    const all: TaskReportRow[] = [];
    live.recompute();
    let client = live.snapshot();
    const tamKy = () => live.snapshot().units.find((u) => u.id === 'tam-ky')!;
    expect(tamKy().tasks!.map((x) => [x.id, x.level])).toEqual([
      ['a', 'off_track'],
      ['b', 'on_track'],
    ]);
    expect(tamKy().level).not.toBe('met');
    const steps: [TaskReportRow, number][] = [
      [report('a', 'blocked', t, 40), 0],
      [report('a', 'in_progress', t + 1000, 60), 3],
      [report('a', 'done', t + 2000), 0],
      [report('a', 'confirmed', t + 3000), 10],
      [report('b', 'in_progress', t + 4000, 20), 0],
    ];
    for (const [row, days] of steps) {
      all.push(row);
      live.addTasks({ reports: [row] });
      t += days * 86_400_000 + 5000;
      const delta = live.recompute('data');
      const inputs = new EngineInputs();
      inputs.load({ readings: [], reports: [], versions: [], tasks: { versions: [], reports: all } });
      expect(live.snapshot().units).toEqual(assessState(config, inputs.input(), t).units);
      client = applyDelta(client, delta);
      expect(client.units).toEqual(live.snapshot().units);
    }
    expect(tamKy().tasks!.find((x) => x.id === 'a')).toMatchObject({ level: 'met', progress: 'done' });
    // Tam Kỳ's "done" is its own: the other owner has reported nothing and is late.
    expect(live.snapshot().units.find((u) => u.id === 'so-tttt')!.tasks![0]).toMatchObject({ id: 'a', level: 'overdue', progress: 'not_started' });
  });
});
