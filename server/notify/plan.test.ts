import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { LiveState } from '../state/live.js';
import type { Contact } from '../store/contact-rows.js';
import { local } from '../../tests/helpers/fixtures.js';
import { ROOT } from '../../tests/helpers/server.js';
import { levelsOf, planNotices, type Levels } from './plan.js';
import { DEFAULT_SCHEDULE } from './schedule.js';

const config = loadConfig(join(ROOT, 'config/quang-nam-2024.json'));
const contact = (id: string, kind: Contact['kind'], unit: string | null): Contact => ({
  id,
  kind,
  unit,
  name: id,
  role: 'cán bộ',
  email: `${id}@example.org`,
  chat: null,
  language: 'vi',
  updatedAt: 0,
});
const CONTACTS = [contact('tk', 'unit', 'tam-ky'), contact('tk-lead', 'leader', 'tam-ky'), contact('ha', 'unit', 'hoi-an'), contact('office', 'office', null)];

/** The state at `at`: every unit filed Apr–Aug 2024 on time; Hội An filed September's on 9 Sep. */
function snapshotAt(at: number) {
  const state = new LiveState(config, { now: () => at, demo: false });
  const periods = ['2024-04', '2024-05', '2024-06', '2024-07', '2024-08'];
  state.addReports(config.units.flatMap((u) => periods.map((period) => ({ unit: u.id, period, submittedAt: Date.parse(`${period}-10T09:00:00+07:00`) }))));
  if (at >= local('2024-09-09T10:00:00')) state.addReports([{ unit: 'hoi-an', period: '2024-09', submittedAt: local('2024-09-09T10:00:00') }]);
  state.recompute();
  return state.snapshot();
}

const plan = (iso: string, previous: Levels | null = null) =>
  planNotices({ snapshot: snapshotAt(local(iso)), contacts: CONTACTS, schedule: DEFAULT_SCHEDULE, now: local(iso), previous, previousDigest: null }).map(
    (n) => ({
      kind: n.kind,
      key: n.key,
      to: n.to.map((c) => c.id),
    }),
  );

describe('reminders before the 15th, late notices from it (September 2024 is due before 15/09 00:00)', () => {
  it('nothing a week before (a Sunday)', () => expect(plan('2024-09-08T12:00:00')).toEqual([]));
  it('5 days before: the unit that has not filed, not the one that has', () =>
    expect(plan('2024-09-10T08:00:00')).toEqual([{ kind: 'remind', key: 'remind-5:tam-ky:2024-09', to: ['tk'] }]));
  it('until the next reminder the same reminder (queued once: its key)', () => expect(plan('2024-09-12T20:00:00')[0]?.key).toBe('remind-5:tam-ky:2024-09'));
  it('2 days before', () => expect(plan('2024-09-13T08:00:00')).toEqual([{ kind: 'remind', key: 'remind-2:tam-ky:2024-09', to: ['tk'] }]));
  it('on the 15th: the late unit and its leader', () =>
    expect(plan('2024-09-15T08:00:00')).toEqual([{ kind: 'late', key: 'late:tam-ky:2024-09', to: ['tk', 'tk-lead'] }]));
  it('a run missed on the 15th still tells them, under the same key (queued once)', () =>
    expect(plan('2024-09-18T08:00:00').map((n) => n.key)).toEqual(['late:tam-ky:2024-09']));
  it('never for an older period than the latest due', () => expect(plan('2024-10-03T08:00:00').map((n) => n.key)).toEqual(['late:tam-ky:2024-09']));
});

describe('escalation and the digest', () => {
  const snap = snapshotAt(local('2024-09-15T08:00:00'));
  const before = Object.fromEntries(Object.keys(levelsOf(snap)).map((id) => [id, 'at_risk' as const]));

  it('one unit worsening to off track: its contacts and the office, once', () => {
    const prev = { ...levelsOf(snap), 'tam-ky': 'at_risk' as const };
    expect(snap.units.find((u) => u.id === 'tam-ky')?.level).toBe('off_track');
    expect(plan('2024-09-15T08:00:00', prev).filter((n) => n.kind === 'escalation')).toEqual([
      { kind: 'escalation', key: 'escalation:tam-ky:off_track:2024-09-15', to: ['tk', 'office'] },
    ]);
  });

  it('many units worsening at once (one decision): one grouped message to the office, not one per unit', () => {
    const notices = plan('2024-09-15T08:00:00', before).filter((n) => n.kind.startsWith('escalation'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'escalation-group', to: ['office'] });
  });

  it('the first run only records levels: nothing has worsened yet', () => expect(plan('2024-09-15T08:00:00', null).map((n) => n.kind)).toEqual(['late']));

  it('the weekly digest on Monday from 08:00, to the office only', () => {
    expect(plan('2024-09-16T07:59:00').map((n) => n.kind)).not.toContain('digest');
    expect(plan('2024-09-16T08:00:00').filter((n) => n.kind === 'digest')).toEqual([{ kind: 'digest', key: 'digest:2024-09-16', to: ['office'] }]);
  });
});
