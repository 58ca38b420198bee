/** Risk levels, best first. `no_data` sits outside the ordered scale and is never shown as healthy. */
export const ORDERED_LEVELS = ['met', 'on_track', 'at_risk', 'off_track', 'overdue'] as const;
export const LEVELS = [...ORDERED_LEVELS, 'no_data'] as const;

export type OrderedLevel = (typeof ORDERED_LEVELS)[number];
export type Level = (typeof LEVELS)[number];

/** Severity for ranking "worst first": no_data ranks above at_risk because silence hides problems. */
export const SEVERITY: Record<Level, number> = {
  met: 0,
  on_track: 1,
  at_risk: 2,
  no_data: 3,
  off_track: 4,
  overdue: 5,
};

/** The worse of two levels by SEVERITY. */
export function worse(a: Level, b: Level): Level {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
