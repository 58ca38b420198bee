import type { Boundaries, Level } from '../../server/protocol/index.js';
import { css, LEVEL_STYLE, NOT_REPORTING_STYLE } from '../lib/levels.js';

/** What every map (the wall's, the briefing's SVG, the inset box) is drawn from. */
export interface MapPaint {
  /** The geography version on screen; a new object (another version) refits the map and rebuilds the layers' data. */
  boundaries: Boundaries;
  levels: ReadonlyMap<string, Level>;
  names: ReadonlyMap<string, string>;
  /** Units with no readings expected: neutral style. */
  notReporting?: ReadonlySet<string>;
  /** Names for the inset box (with the type word: "Đặc khu Hoàng Sa"); defaults to `names`. */
  insetNames?: ReadonlyMap<string, string>;
  /** Units the side panel names: labelled first. */
  named?: ReadonlySet<string>;
  /** Urban-core candidates (wards, see core.ts): the densest are framed in their own inset. */
  core?: ReadonlySet<string>;
}

/** An SVG unit's fill (a level colour, the no-data hatch `hatchId`, or the neutral slate), icon and state. */
export function svgPaint(
  id: string,
  levels: ReadonlyMap<string, Level>,
  quiet: ReadonlySet<string>,
  hatchId: string,
): { fill: string; icon: string; state: Level | 'not_reporting' } {
  if (quiet.has(id)) return { fill: css(NOT_REPORTING_STYLE.rgb), icon: NOT_REPORTING_STYLE.icon, state: 'not_reporting' };
  const level = levels.get(id) ?? 'no_data';
  return { fill: level === 'no_data' ? `url(#${hatchId})` : css(LEVEL_STYLE[level].rgb), icon: LEVEL_STYLE[level].icon, state: level };
}
