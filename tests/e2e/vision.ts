/** Colour vision simulation and CIELAB distance, for checking that risk levels stay apart. */

export type Rgb = readonly [number, number, number];
type Matrix = readonly [number, number, number, number, number, number, number, number, number];

/**
 * Machado, Oliveira & Fernandes 2009, severity 1 (dichromacy), applied to linear RGB; and
 * grayscale as relative luminance (Rec. 709), which is what a monochrome projector keeps.
 */
export const VISION: Record<'normal' | 'deuteranopia' | 'protanopia' | 'grayscale', Matrix> = {
  normal: [1, 0, 0, 0, 1, 0, 0, 0, 1],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  grayscale: [0.2126, 0.7152, 0.0722, 0.2126, 0.7152, 0.0722, 0.2126, 0.7152, 0.0722],
};

const toLinear = (c: number) => {
  const x = c / 255;
  return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
};
const toSrgb = (x: number) => Math.round(255 * (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055));
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Linear RGB of `rgb` as seen through `m` (clamped to the displayable range). */
function simulateLinear(rgb: Rgb, m: Matrix): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  return [0, 1, 2].map((i) => clamp01(m[i * 3]! * r + m[i * 3 + 1]! * g + m[i * 3 + 2]! * b)) as [number, number, number];
}

/** The sRGB colour a viewer with this vision would match `rgb` to. */
export const simulate = (rgb: Rgb, m: Matrix): Rgb => simulateLinear(rgb, m).map(toSrgb) as unknown as Rgb;

/** CIELAB (D65) of an sRGB colour. */
export function lab(rgb: Rgb): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIE76 ΔE: the straight distance in CIELAB (about 2.3 is just noticeable; 10 is clearly another colour at a glance). */
export const deltaE = (a: Rgb, b: Rgb): number => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));
