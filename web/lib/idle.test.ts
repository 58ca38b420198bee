import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer } from './idle.js';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once after the idle time, and every touch starts it again', () => {
    const onIdle = vi.fn();
    const idle = new IdleTimer(120_000, onIdle);
    idle.poke();
    vi.advanceTimersByTime(119_000);
    idle.poke();
    vi.advanceTimersByTime(119_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stops', () => {
    const onIdle = vi.fn();
    const idle = new IdleTimer(1000, onIdle);
    idle.poke();
    idle.stop();
    vi.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
