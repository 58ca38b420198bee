import { describe, expect, it } from 'vitest';
import type { Boundaries, GeographyMeta } from '../../server/protocol/index.js';
import { GeographyBoundaries } from './geography.svelte.js';

const meta = (id: string): GeographyMeta => ({ id, name: { vi: id, en: id }, from: null, until: null, attribution: { vi: '', en: '' } });
const geo = (id: string): Boundaries => ({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', properties: { id, label: [0, 0] }, geometry: { type: 'Polygon', coordinates: [] } }],
});

/** A fetch the test answers by hand, recording what was asked. */
function fakeFetch() {
  const asked: (string | null)[] = [];
  const pending: ((b: Boundaries) => void)[] = [];
  const fn = (version: string | null) => {
    asked.push(version);
    return new Promise<Boundaries>((res) => pending.push(res));
  };
  return { asked, fn, answer: (b: Boundaries) => pending.shift()!(b) };
}
const settle = () => new Promise<void>((r) => queueMicrotask(r));

describe('GeographyBoundaries: the map follows the state geography version', () => {
  it('fetches the version the state names, keeps the old map until the new one arrives, and fetches a version once', async () => {
    const f = fakeFetch();
    const g = new GeographyBoundaries(f.fn);
    g.follow({ geography: meta('districts-2024') });
    expect(f.asked).toEqual(['districts-2024']);
    f.answer(geo('que-son'));
    await settle();
    expect(g.boundaries!.features[0]!.properties.id).toBe('que-son');
    expect(g.meta!.id).toBe('districts-2024');
    g.follow({ geography: meta('districts-2024') });
    expect(f.asked).toHaveLength(1);
    g.follow({ geography: meta('communes-2025') });
    expect(g.boundaries!.features[0]!.properties.id).toBe('que-son');
    f.answer(geo('xa-que-son'));
    await settle();
    expect(g.meta!.id).toBe('communes-2025');
    expect(g.boundaries!.features[0]!.properties.id).toBe('xa-que-son');
    // Back across the boundary: from memory, no new request.
    g.follow({ geography: meta('districts-2024') });
    expect(g.boundaries!.features[0]!.properties.id).toBe('que-son');
    expect(f.asked).toEqual(['districts-2024', 'communes-2025']);
  });

  it('drops an answer for a version no longer wanted', async () => {
    const f = fakeFetch();
    const g = new GeographyBoundaries(f.fn);
    g.follow({ geography: meta('a') });
    g.follow({ geography: meta('b') });
    f.answer(geo('from-a'));
    await settle();
    expect(g.boundaries).toBeNull();
    f.answer(geo('from-b'));
    await settle();
    expect(g.boundaries!.features[0]!.properties.id).toBe('from-b');
  });

  it('asks for the current boundaries when the server names no geography (an older server)', async () => {
    const f = fakeFetch();
    const g = new GeographyBoundaries(f.fn);
    g.follow({} as { geography: GeographyMeta });
    expect(f.asked).toEqual([null]);
    f.answer(geo('tam-ky'));
    await settle();
    expect(g.boundaries!.features[0]!.properties.id).toBe('tam-ky');
    expect(g.meta).toBeNull();
  });
});
