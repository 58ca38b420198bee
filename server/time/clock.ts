/** The data clock: what "now" means for the risk engine. Injected everywhere, never read ad hoc. */
export interface DataClock {
  now(): number;
  /** True when this is a demo clock running on its own time. */
  readonly demo: boolean;
  /** Demo clocks only: continue from `t` (the demo loops back to its start). */
  set?(t: number): void;
}

/** The real clock, for real deployments. */
export function realClock(systemNow: () => number = Date.now): DataClock {
  return { now: systemNow, demo: false };
}

/**
 * A demo clock: starts at `start` and runs `speed` times faster than the system clock.
 * `systemNow` (the real clock) is injected so tests can drive it.
 */
export function demoClock(start: number, speed: number, systemNow: () => number = Date.now): DataClock {
  let base = start;
  let origin = systemNow();
  return {
    now: () => base + (systemNow() - origin) * speed,
    demo: true,
    set(t: number) {
      base = t;
      origin = systemNow();
    },
  };
}
