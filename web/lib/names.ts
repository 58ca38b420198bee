import type { UnitState } from '../../server/protocol/index.js';
import { placeName, type Lang } from './i18n.js';

/** A unit's name as every screen shows it; no dagger: a revised target is province-wide, marked beside its indicator and in one banner. */
export const unitName = (u: Pick<UnitState, 'name' | 'kind'>, lang: Lang): string => placeName(u.name, u.kind, lang);

/** Unit id → the name to show (map labels, lists). */
export const unitNames = (units: readonly UnitState[], lang: Lang): ReadonlyMap<string, string> => new Map(units.map((u) => [u.id, unitName(u, lang)]));

/** Lower case without diacritics ("Quế Sơn" → "que son", "Đà Nẵng" → "da nang"): for searching as people type. */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Whether a unit's name (either language, with or without diacritics) contains what was typed. */
export const nameMatches = (u: Pick<UnitState, 'name'>, query: string): boolean => {
  const q = fold(query);
  return !q || fold(u.name.vi).includes(q) || fold(u.name.en).includes(q);
};

const TYPE_WORD: Record<string, { vi: string; en: string }> = {
  special_zone: { vi: 'Đặc khu', en: 'Special zone' },
  district: { vi: 'Huyện', en: 'District' },
};

/** A place with its type word where the bare name is ambiguous on its own (the Hoàng Sa inset: "Đặc khu Hoàng Sa", "Huyện Hoàng Sa"). */
export const typedPlaceName = (u: Pick<UnitState, 'name' | 'type'>, lang: Lang): string => {
  const word = TYPE_WORD[u.type];
  return word && !fold(u.name.vi).startsWith(fold(word.vi)) ? `${word[lang]} ${u.name.vi}` : u.name.vi;
};

/** The units that report nothing by design (shown neutral, kept out of worst lists). */
export const notReportingIds = (units: readonly UnitState[]): ReadonlySet<string> => new Set(units.filter((u) => u.notReporting).map((u) => u.id));

/** Unit id → name with its type word, for the inset box. */
export const typedNames = (units: readonly UnitState[], lang: Lang): ReadonlyMap<string, string> => new Map(units.map((u) => [u.id, typedPlaceName(u, lang)]));
