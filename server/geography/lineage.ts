import type { Lineage } from '../protocol/history.js';
import type { Localized } from '../protocol/state.js';
import type { Crosswalk } from './crosswalk.js';
import { typedName } from './names.js';
import { formatLocalDate } from './validity.js';

/**
 * The sentence a unit's detail shows about where it came from, e.g. "từ 01/07/2025; trước đó
 * thuộc huyện Quế Sơn" / "since 01/07/2025; before that in Que Son district". Partial links
 * say "(một phần)" / "(part)". Null when the crosswalk has no predecessor for the unit.
 */
export function lineage(crosswalk: Crosswalk, unitId: string): Localized | null {
  const links = crosswalk.predecessors(unitId);
  if (!links.length) return null;
  const since = links[0]!.to.from;
  const named = links.map((l) => {
    const n = typedName(l.from);
    const part = l.share === 'partial';
    return { vi: `${n.vi}${part ? ' (một phần)' : ''}`, en: `${n.en}${part ? ' (part)' : ''}` };
  });
  const join = (xs: string[], and: string) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${and} ${xs.at(-1)}`);
  const vi = `trước đó thuộc ${join(
    named.map((n) => n.vi),
    'và',
  )}`;
  const en = `before that in ${join(
    named.map((n) => n.en),
    'and',
  )}`;
  return since ? { vi: `từ ${formatLocalDate(since)}; ${vi}`, en: `since ${formatLocalDate(since)}; ${en}` } : { vi, en };
}

/**
 * A unit's lineage for its detail (GET /api/units/:id): the sentence and the predecessors it
 * names, from the crosswalk into the unit's version; null when no crosswalk links it.
 */
export function lineageOf(crosswalks: readonly Crosswalk[], unitId: string): Lineage | null {
  for (const cw of crosswalks) {
    const links = cw.predecessors(unitId);
    const text = links.length ? lineage(cw, unitId) : null;
    if (!text) continue;
    return {
      from: links[0]!.to.from ?? '',
      text,
      predecessors: links.map((l) => ({ id: l.from.id, name: l.from.name, partial: l.share === 'partial', version: cw.from })),
    };
  }
  return null;
}
