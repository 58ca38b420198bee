import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstLoad, retryDelay } from './retry.svelte.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the retry policy', () => {
  it('waits 1 s, 2 s, 4 s … and never more than 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelay)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('FirstLoad tries until the load works, counting failures, then stops trying', async () => {
    let calls = 0;
    const first = new FirstLoad(async () => {
      if (++calls < 3) throw new Error('down');
    });
    first.start();
    await vi.advanceTimersByTimeAsync(0);
    expect([calls, first.failures]).toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect([calls, first.failures]).toEqual([2, 2]);
    await vi.advanceTimersByTimeAsync(2000);
    expect([calls, first.failures]).toEqual([3, 2]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
  });

  it('stop() cancels the attempt under way and any retry', async () => {
    let signal: AbortSignal | null = null;
    let calls = 0;
    const first = new FirstLoad((s) => {
      calls++;
      signal = s;
      return Promise.reject(new Error('down'));
    });
    first.start();
    await vi.advanceTimersByTimeAsync(0);
    first.stop();
    expect(signal!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });
});
