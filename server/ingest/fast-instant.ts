/** `Date.parse` of an instant the reading schema accepted, without its cost for the usual forms (issue 16). */

const digits = (s: string, from: number, n: number): number => {
  let v = 0;
  for (let i = from; i < from + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
};

/**
 * Ms since the epoch of `at`, an ISO 8601 time with offset that instantSchema accepted: computed
 * directly for `YYYY-MM-DDTHH:MM:SS[.sss](Z|±HH:MM)` (what senders write), Date.parse otherwise.
 */
export function instantMs(at: string): number {
  const n = at.length;
  const fraction = n === 24 || n === 29;
  if (!(n === 20 || n === 25 || (fraction && at.charCodeAt(19) === 46))) return Date.parse(at);
  const tz = fraction ? 23 : 19;
  const sign = at.charCodeAt(tz);
  let offset = 0;
  if (sign === 43 || sign === 45) {
    if (n !== tz + 6) return Date.parse(at);
    offset = (digits(at, tz + 1, 2) * 60 + digits(at, tz + 4, 2)) * 60_000 * (sign === 45 ? -1 : 1);
  } else if (sign !== 90 || n !== tz + 1) return Date.parse(at);
  const year = digits(at, 0, 4);
  // Date.UTC reads years 0–99 as 19xx.
  if (year < 100) return Date.parse(at);
  const ms = fraction ? digits(at, 20, 3) : 0;
  return Date.UTC(year, digits(at, 5, 2) - 1, digits(at, 8, 2), digits(at, 11, 2), digits(at, 14, 2), digits(at, 17, 2), ms) - offset;
}
