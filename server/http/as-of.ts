import type { ApiError } from '../protocol/errors.js';
import { asOfQuerySchema } from '../protocol/history.js';
import { deadlineEnd, localInstant } from '../time/local.js';
import { invalid as invalidBody } from './boundary.js';

/** `?asOf=` as the time machine and the exports read it. */
type AsOf = { ok: true; t: number | null } | { ok: false; error: ApiError };

const invalid = (problem: string, message: string): AsOf => ({ ok: false, error: invalidBody(message, [{ field: 'asOf', problem, message }]) });

/** `?asOf=`: null for the live state, else the instant (a date means the end of that local day). */
export function parseAsOf(query: unknown, tz: string, now: number): AsOf {
  const q = asOfQuerySchema.safeParse(query);
  if (!q.success) return invalid('format', `asOf: ${q.error.issues[0]?.message ?? 'not valid'}.`);
  const s = q.data.asOf;
  if (s === undefined) return { ok: true, t: null };
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  // No silent roll-over: 2024-02-31 is not 2 March.
  const real = new Date(Date.UTC(y, m - 1, d));
  if (real.getUTCFullYear() !== y || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d || /T24:/.test(s)) {
    return invalid('format', `asOf: "${s}" is not a real date.`);
  }
  // A date is the end of that local day; today's date is now.
  const t = s.length === 10 ? Math.min(now, deadlineEnd(s, tz) - 1) : Date.parse(s);
  if (!Number.isFinite(t)) return invalid('format', `asOf: "${s}" is not a real date.`);
  if ((s.length === 10 ? localInstant(tz, y, m, d) : t) > now)
    return invalid('future', `asOf: ${s} is after the current time; the time machine only looks back.`);
  return { ok: true, t };
}
