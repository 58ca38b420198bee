import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SceneSpec } from '../../server/protocol/index.js';
import { Playlist } from './playlist.svelte.js';

const lists: Record<string, SceneSpec[]> = {
  main: [
    { scene: 'overview', seconds: 10 },
    { scene: 'indicator', indicator: 'land-database', seconds: 5 },
    { scene: 'ranking', seconds: 5 },
  ],
  one: [{ scene: 'reports', seconds: 60 }],
};

describe('Playlist', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('moves on after each scene for its own time and loops', () => {
    const p = new Playlist(lists, 'main');
    p.start();
    expect(p.scene.scene).toBe('overview');
    vi.advanceTimersByTime(9_999);
    expect(p.index).toBe(0);
    vi.advanceTimersByTime(1);
    expect(p.scene.scene).toBe('indicator');
    vi.advanceTimersByTime(5_000);
    expect(p.scene.scene).toBe('ranking');
    vi.advanceTimersByTime(5_000);
    expect(p.index).toBe(0);
    p.stop();
  });

  it('pauses, steps both ways and resumes; changes are reported', () => {
    const onChange = vi.fn();
    const p = new Playlist(lists, 'main', { onChange });
    p.start();
    p.toggle();
    vi.advanceTimersByTime(60_000);
    expect(p.index).toBe(0);
    p.prev();
    expect(p.index).toBe(2);
    p.next();
    expect(p.index).toBe(0);
    p.toggle();
    vi.advanceTimersByTime(10_000);
    expect(p.index).toBe(1);
    expect(onChange).toHaveBeenCalledTimes(5);
    p.stop();
  });

  it('switches playlist (unknown names are ignored) and scales durations', () => {
    const p = new Playlist(lists, 'nope', { scale: 0.1 });
    expect(p.name).toBe('main');
    p.start();
    vi.advanceTimersByTime(1_000);
    expect(p.index).toBe(1);
    p.use('one');
    expect([p.name, p.index, p.scene.scene]).toEqual(['one', 0, 'reports']);
    p.use('ghost');
    expect(p.name).toBe('one');
    p.go(7);
    expect(p.index).toBe(0);
    p.stop();
  });
});
