import type { ValueUnit } from '../../server/protocol/index.js';

/** The UI languages (Vietnamese first). */
type Lang = 'vi' | 'en';

/** No-break space: a number never wraps away from its unit ("64,4 điểm", "12 ngày"). */
export const NBSP = '\u00a0';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const formats = new Map<string, Intl.NumberFormat>();

/**
 * The one rounding rule of every screen (wall, touch, briefing): at most `digits` decimals
 * (one by default), half away from zero (Intl's default rounding), trailing zeros dropped; 64,4 in Vietnamese, 64.4 in English.
 */
export function num(lang: Lang, x: number, digits = 1): string {
  const key = `${lang}:${digits}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  // "−0" would read as a shortfall that is not there.
  const s = f.format(x);
  return s === '-0' ? '0' : s;
}

/** A number with a sign in front: "+4,2", "−15,7" (a true minus sign), "0". */
export function signedNum(lang: Lang, x: number, digits = 1): string {
  const s = num(lang, Math.abs(x), digits);
  return s === '0' ? s : (x > 0 ? '+' : '−') + s;
}

/** The unit's word after a number (empty for counts). */
export function unitWord(lang: Lang, unit: ValueUnit): string {
  if (unit === 'percent') return '%';
  if (unit === 'points') return lang === 'vi' ? 'điểm' : 'pts';
  return '';
}

const withUnit = (n: string, lang: Lang, unit: ValueUnit) => (unit === 'count' ? n : `${n}${NBSP}${unitWord(lang, unit)}`);

/** A value with its unit: "45,5 %", "64,4 điểm", "12" (counts are whole). */
export function valueText(lang: Lang, x: number, unit: ValueUnit): string {
  return withUnit(num(lang, x, unit === 'count' ? 0 : 1), lang, unit);
}

/** A signed difference with its unit: "−15,7 điểm", "+2 %". */
export function gapText(lang: Lang, x: number, unit: ValueUnit): string {
  return withUnit(signedNum(lang, x, unit === 'count' ? 0 : 1), lang, unit);
}

/** A whole number of days: "12 ngày", "1 day", "3 days". */
export function daysText(lang: Lang, days: number): string {
  const n = Math.round(Math.abs(days));
  return `${num(lang, n, 0)}${NBSP}${lang === 'vi' ? 'ngày' : n === 1 ? 'day' : 'days'}`;
}
