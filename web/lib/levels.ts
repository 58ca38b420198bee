import type { Level, ReportStatus } from '../../server/protocol/index.js';

export type Rgb = [number, number, number];

/**
 * Ordered, colour-blind-safe scale (blue → teal → amber → orange-red → magenta-red), checked
 * against deuteranopia and protanopia by lightness as well as hue; no_data is grey and hatched.
 * Every level also has an icon and a label, so colour is never the only cue.
 */
export const LEVEL_STYLE: Record<Level, { rgb: Rgb; icon: string }> = {
  met: { rgb: [66, 133, 244], icon: '✓' },
  on_track: { rgb: [38, 166, 154], icon: '●' },
  at_risk: { rgb: [242, 184, 48], icon: '▲' },
  off_track: { rgb: [230, 92, 40], icon: '✕' },
  overdue: { rgb: [200, 30, 120], icon: '!' },
  no_data: { rgb: [112, 122, 140], icon: '?' },
};

/** A unit with no readings expected (the Hoàng Sa special zone): neutral slate, no hatch, never a risk colour. */
export const NOT_REPORTING_STYLE: { rgb: Rgb; icon: string } = { rgb: [52, 64, 86], icon: '–' };

export const REPORT_STYLE: Record<ReportStatus, { rgb: Rgb; icon: string }> = {
  on_time: { rgb: [38, 166, 154], icon: '✓' },
  late: { rgb: [242, 184, 48], icon: '◷' },
  missing: { rgb: [200, 30, 120], icon: '✕' },
  not_yet_due: { rgb: [112, 122, 140], icon: '…' },
};

export const css = (rgb: Rgb, alpha = 1): string => `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;

/** Text colour that stays readable on a level's fill. */
export const inkOn = (rgb: Rgb): string => (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 150 ? '#0b1526' : '#ffffff');
