/** The data clock: what "now" means for the risk engine. Injected everywhere, never read ad hoc. */
export interface Clock {
  now(): number;
  /** True when this is a demo clock running on its own time. */
  readonly demo: boolean;
  /** Demo clocks only: continue from `t` (the demo loops back to its start). */
  set?(t: number): void;
}

/** The real clock, for real deployments. */
export function realClock(wall: () => number = Date.now): Clock {
  return { now: wall, demo: false };
}

/**
 * A demo clock: starts at `start` and runs `speed` times faster than `wall`.
 * `wall` is injected so tests can drive it.
 */
export function demoClock(start: number, speed: number, wall: () => number = Date.now): Clock {
  let base = start;
  let origin = wall();
  return {
    now: () => base + (wall() - origin) * speed,
    demo: true,
    set(t: number) {
      base = t;
      origin = wall();
    },
  };
}
