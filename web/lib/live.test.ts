import { describe, expect, it } from 'vitest';
import { DELTA_WIRE, type Delta, type GeographyMeta, type Snapshot, type UnitState, type WireDelta } from '../../server/protocol/index.js';
import { LiveView } from './live.svelte.js';

const GEO: GeographyMeta = { id: 'districts-2024', name: { vi: 'Huyện', en: 'Districts' }, from: null, until: '2024-12-31', attribution: { vi: '', en: '' } };
const snap = (seq: number): Snapshot => ({
  epoch: 'e1',
  seq,
  generatedAt: '2024-08-31T01:00:00.000Z',
  asOf: '2024-08-31T08:00:00.000+07:00',
  demo: true,
  province: {
    id: 'p',
    code: null,
    name: { vi: 'P', en: 'P' },
    timezone: 'Asia/Ho_Chi_Minh',
    attribution: { vi: '', en: '' },
    reportingRule: { vi: '', en: '' },
  },
  geography: GEO,
  indicators: [],
  units: [],
  counts: {
    area: { met: 0, on_track: 0, at_risk: 0, off_track: 0, overdue: 0, no_data: 0 },
    department: { met: 0, on_track: 0, at_risk: 0, off_track: 0, overdue: 0, no_data: 0 },
  },
});
const delta = (seq: number): Delta => ({ seq, generatedAt: '2024-08-31T01:00:05.000Z', asOf: `2024-08-31T08:00:0${seq % 10}.000+07:00`, units: [] });

describe('LiveView', () => {
  it('applies deltas in order, ignores old ones and reports a gap', () => {
    const w = new LiveView();
    expect(w.applyDelta(delta(1))).toBe('gap');
    w.setSnapshot(snap(5));
    expect(w.applyDelta(delta(6))).toBe('applied');
    expect(w.snapshot!.seq).toBe(6);
    expect(w.applyDelta(delta(6))).toBe('old');
    expect(w.applyDelta(delta(8))).toBe('gap');
    expect(w.snapshot!.seq).toBe(6);
  });
  it('applies the rank numbers a delta carries, the one screens show (kindRank) included', () => {
    const w = new LiveView();
    const unit = { id: 'que-son', kind: 'area', level: 'at_risk', rank: 4, kindRank: 3, indicators: [] } as unknown as UnitState;
    w.setSnapshot({ ...snap(5), units: [unit] });
    w.applyDelta({ ...delta(6), units: [{ id: 'que-son', level: 'off_track', rank: 2, kindRank: 1 }] });
    expect(w.snapshot!.units[0]).toMatchObject({ level: 'off_track', rank: 2, kindRank: 1 });
  });
  it('reads compact deltas against its copy, and asks for a snapshot when it cannot', () => {
    const w = new LiveView();
    const unit = { id: 'que-son', kind: 'area', level: 'at_risk', rank: 4, kindRank: 3, indicators: [] } as unknown as UnitState;
    w.setSnapshot({ ...snap(5), units: [unit] });
    const wire: WireDelta = { v: DELTA_WIRE, seq: 6, g: Date.parse('2024-08-31T01:00:06Z'), units: [{ i: 'que-son', l: 'off_track', r: 2 }] };
    expect(w.applyDelta(wire)).toBe('applied');
    expect(w.snapshot).toMatchObject({ seq: 6, generatedAt: '2024-08-31T01:00:06.000Z', asOf: '2024-08-31T08:00:00.000+07:00' });
    expect(w.snapshot!.units[0]).toMatchObject({ level: 'off_track', rank: 2, kindRank: 3 });
    expect(w.applyDelta({ ...wire, seq: 7, units: [{ i: 'not-held', l: 'met' }] })).toBe('gap');
    expect(w.snapshot!.seq).toBe(6);
  });
  it('takes a new geography version from a delta, and keeps the old one otherwise', () => {
    const w = new LiveView();
    w.setSnapshot(snap(5));
    w.applyDelta(delta(6));
    expect(w.snapshot!.geography.id).toBe('districts-2024');
    const communes: GeographyMeta = { ...GEO, id: 'communes-2025', from: '2025-07-01', until: null };
    w.applyDelta({ ...delta(7), geography: communes });
    expect(w.snapshot!.geography).toEqual(communes);
  });
  it('remembers when the connection was lost until it is back', () => {
    const w = new LiveView();
    w.setConnection('online', 1);
    w.setConnection('offline', 100);
    w.setConnection('offline', 200);
    expect(w.disconnectedAt).toBe(100);
    w.setConnection('online', 300);
    expect(w.disconnectedAt).toBeNull();
  });
});

describe('LiveView heartbeat', () => {
  it('confirms our figures only when the beat carries our epoch and seq', () => {
    const w = new LiveView();
    w.setSnapshot(snap(5), 100);
    expect(w.heartbeat({ at: '', seq: 5, epoch: 'e1', version: 'x' }, 200)).toBe('current');
    expect(w.confirmedAt).toBe(200);
    expect(w.heartbeat({ at: '', seq: 6, epoch: 'e1', version: 'x' }, 300)).toBe('gap');
    expect(w.heartbeat({ at: '', seq: 5, epoch: 'e2', version: 'x' }, 300)).toBe('gap');
    expect(w.confirmedAt).toBe(200);
    expect(w.resumePoint()).toEqual({ epoch: 'e1', seq: 5 });
  });
});
