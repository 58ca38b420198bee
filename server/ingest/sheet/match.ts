import { distance } from 'fastest-levenshtein';

/** Lower case, NFC, single spaces, without administrative prefixes ("Huyện", "Thị xã", "TP."). */
export function normalizeName(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(ubnd\s+)?((thành phố|thị xã|thị trấn|huyện|quận|phường|xã|tp|tx)\s+|(tp|tx|h|q|p|x)\.\s*)/u, '')
    .trim();
}

/** Without diacritics (đ → d), for a last-resort match and for suggestions. */
export const ascii = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

export interface Candidate {
  id: string;
  /** Every spelling that names it: id, code, Vietnamese and English names. */
  keys: string[];
  label: string;
}

export type Match = { ok: true; id: string } | { ok: false; suggestions: string[] };

/** Find a unit or indicator by any of its spellings; when none matches, the closest labels. */
export function matcher(candidates: readonly Candidate[]): (text: string) => Match {
  const exact = new Map<string, string>();
  const loose = new Map<string, string | null>();
  for (const c of candidates) {
    for (const k of c.keys) {
      exact.set(normalizeName(k), c.id);
      // Without diacritics two names can collide ("Bình Sơn", "Bính Sơn"): then neither matches loosely.
      const a = ascii(normalizeName(k));
      loose.set(a, loose.has(a) && loose.get(a) !== c.id ? null : c.id);
    }
  }
  // A file repeats the same few names on every row: work each spelling out once.
  const seen = new Map<string, Match>();
  return (text) => {
    const known = seen.get(text);
    if (known) return known;
    const m = find(text);
    seen.set(text, m);
    return m;
  };

  function find(text: string): Match {
    const n = normalizeName(text);
    const id = exact.get(n) ?? loose.get(ascii(n)) ?? undefined;
    if (id) return { ok: true, id };
    const a = ascii(n);
    const ranked = candidates
      .map((c) => ({ label: c.label, d: Math.min(...c.keys.map((k) => distance(a, ascii(normalizeName(k))))) }))
      .sort((x, y) => x.d - y.d)
      .slice(0, 3);
    return { ok: false, suggestions: ranked.map((r) => r.label) };
  }
}
