import type { Level, ReportStatus } from '../../server/protocol/index.js';

export type Rgb = [number, number, number];

/**
 * Ordered by lightness on the dark wall (CIELAB L*: met 24, on track 34, no data 46, at risk 59,
 * off track 70, overdue 85): the worse a level, the brighter it stands out, and met/on track stay
 * muted. Hues (blue, teal, amber, orange, pink) help normal vision; lightness alone separates the
 * levels in grayscale and keeps them ≥ 10 ΔE apart in deuteranopia and protanopia
 * (tests/e2e/wall-colours.test.ts). no_data is grey and hatched; every level has an icon and a label.
 */
export const LEVEL_STYLE: Record<Level, { rgb: Rgb; icon: string }> = {
  met: { rgb: [26, 54, 116], icon: '✓' },
  on_track: { rgb: [0, 92, 80], icon: '●' },
  at_risk: { rgb: [188, 133, 26], icon: '▲' },
  off_track: { rgb: [255, 142, 92], icon: '✕' },
  overdue: { rgb: [255, 192, 238], icon: '!' },
  no_data: { rgb: [104, 110, 122], icon: '?' },
};

/** A unit with no readings expected (the Hoàng Sa special zone): neutral slate, no hatch, never a risk colour. */
export const NOT_REPORTING_STYLE: { rgb: Rgb; icon: string } = { rgb: [52, 64, 86], icon: '–' };

/** Report statuses borrow the level that means the same (on time is on track, missing is overdue). */
export const REPORT_STYLE: Record<ReportStatus, { rgb: Rgb; icon: string }> = {
  on_time: { rgb: LEVEL_STYLE.on_track.rgb, icon: '✓' },
  late: { rgb: LEVEL_STYLE.at_risk.rgb, icon: '◷' },
  missing: { rgb: LEVEL_STYLE.overdue.rgb, icon: '✕' },
  not_yet_due: { rgb: LEVEL_STYLE.no_data.rgb, icon: '…' },
};

export const css = (rgb: Rgb, alpha = 1): string => `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;

/** Text colour that stays readable on a level's fill. */
export const inkOn = (rgb: Rgb): string => (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 128 ? '#0b1526' : '#ffffff');
