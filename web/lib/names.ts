import type { UnitState } from '../../server/protocol/index.js';
import { isRevised, placeName, type Lang } from './i18n.js';

/** A unit's name as every screen shows it; a dagger marks a target or deadline changed by decision. */
export const unitName = (u: Pick<UnitState, 'name' | 'kind' | 'indicators'>, lang: Lang): string => placeName(u.name, u.kind, lang) + (isRevised(u) ? ' †' : '');

/** Unit id → the name to show (map labels, lists). */
export const unitNames = (units: readonly UnitState[], lang: Lang): ReadonlyMap<string, string> => new Map(units.map((u) => [u.id, unitName(u, lang)]));
