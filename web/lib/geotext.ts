import type { GeographyMeta, Lineage } from '../../server/protocol/index.js';
import { dateText, t, type Lang } from './i18n.js';

/** The validity of a geography version in words: "từ 01/07/2025", "đến 31/12/2024", or both. */
export function validityText(meta: Pick<GeographyMeta, 'from' | 'until'>, lang: Lang): string {
  const parts = [
    meta.from && t(lang, 'geoFrom', { date: dateText(meta.from, 'UTC') }),
    meta.until && t(lang, 'geoUntil', { date: dateText(meta.until, 'UTC') }),
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * The map's caption: "Bản đồ: 94 xã, phường, đặc khu (từ 01/07/2025)". The dates are added
 * only when the version's name does not already carry them.
 */
export function geographyCaption(meta: GeographyMeta, lang: Lang): string {
  const name = meta.name[lang];
  const dates = [meta.from, meta.until].filter((d): d is string => d !== null).map((d) => dateText(d, 'UTC'));
  const validity = validityText(meta, lang);
  const named = dates.every((d) => name.includes(d)) || name.includes(validity);
  return t(lang, 'mapCaption', { name: named || !validity ? name : `${name} (${validity})` });
}

/** "từ 01/07/2025; trước đó thuộc huyện Quế Sơn" and each predecessor, a partial one marked. */
export function lineageLines(lineage: Lineage, lang: Lang): { text: string; links: string[]; partial: boolean } {
  return {
    text: lineage.text[lang],
    partial: lineage.predecessors.some((p) => p.partial),
    links: lineage.predecessors.map((p) => (p.partial ? `${p.name[lang]} (${t(lang, 'partialLink')})` : p.name[lang])),
  };
}
