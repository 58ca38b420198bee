import { kB, ms, n, ok, ratio } from './format.js';
import type { LatencyResult } from './latency.js';
import type { MapResult } from './webmap.js';
import type { BundleFile, BundleResult } from './web.js';

/**
 * The web figures before the real geometry: typed in, not re-measured by a run (the national
 * map was then a synthetic grid of 3,321 quadrilaterals). Compare only with that machine.
 */
const BEFORE_WEB = {
  /** The shipped province then: Quảng Nam's 18 districts with the demo data. */
  provinceCold: 3_204,
  /** The national map then: a synthetic grid of 3,321 quadrilaterals. */
  gridCold: 15_648,
  where: 'measured 2026-11-27T10:23Z at commit e7c030f on Intel(R) Xeon(R) Processor × 2 cores, 24 GiB',
};

/** The wall's JavaScript before issue 16: every mode in one chunk (the 13:10 run at 87b2af8). */
const BEFORE_BUNDLE = '802.5 kB, all 6 files in every mode';

const top = (files: BundleFile[]) =>
  files
    .slice(0, 3)
    .map((x) => `${x.file.replace(/^assets\//, '')} ${kB(x.gzip)}`)
    .join(', ');

const pick = (maps: MapResult[], units: number) => maps.find((m) => m.units === units);

/** One map's rows: first coloured map, recolour after a delta touching every unit, panning. */
function mapRows(m: MapResult): string[][] {
  const r = m.recolour;
  const frames = r.toFirstFrame.p50 / m.pan.frameMs.p50;
  return [
    [
      '4',
      `Web: navigation → first coloured map, ${m.label}, cold / warm p50`,
      `${ms(m.firstMap.cold)} / ${m.firstMap.warm ? ms(m.firstMap.warm.p50) : '—'}`,
      '—',
      `scripts ready at ${ms(m.firstMap.coldDomContentLoaded)}, boundaries at ${ms(m.firstMap.coldGeo)}; ${(m.colouredShare * 100).toFixed(1)} % of the screen in risk colours`,
    ],
    [
      '4',
      `Web: recolour after a delta touching every unit (${n(r.deltaUnits)} of ${n(m.units)} patched), ${m.label}: delta arrives → next frame / colours settled, p50 (${r.rounds} rounds)`,
      `${ms(r.toFirstFrame.p50)} / ${ms(r.toSettled.p50)} (${r.frames} frames)`,
      `≤ 2 frames ${ok(frames <= 2)} (${frames.toFixed(1)}); no geometry rebuilt ${ok(r.tessellations === 0)}`,
      `delta → new layers handed to deck: ${ms(r.toLayers.p50)}; ${r.tessellations} tessellations; ${(r.changedShare * 100).toFixed(0)} % of coloured pixels changed colour`,
    ],
    [
      '4',
      `Web: frame time panning, ${m.label}, p50 / p99 (${m.pan.frames} frames)`,
      `${ms(m.pan.frameMs.p50)} / ${ms(m.pan.frameMs.p99)} (${m.pan.fps.toFixed(1)} fps)`,
      '—',
      `${m.software ? 'software GL' : 'GPU'}: ${m.renderer}`,
    ],
  ];
}

/** Reading accepted → pixels changed on a wall: the end-to-end row. */
function latencyRow(l: LatencyResult): string[] {
  const f = l.framesBeyondDelta;
  return [
    '4',
    `Web: reading accepted (2xx) → pixels of its unit changed on a wall, ${l.label}, p50 / p99 (${l.rounds} rounds)`,
    `${ms(l.answerToPixels.p50)} / ${ms(l.answerToPixels.p99)}; delta arrives → pixels: ${ms(l.deltaToPixels.p50)} / ${ms(l.deltaToPixels.p99)} (${f.p50.toFixed(1)} / ${f.p99.toFixed(1)} frames)`,
    `≤ 2 frames beyond the delta ${ok(f.p99 <= 2)}`,
    `2xx → delta: ${ms(l.answerToDelta.p50)} / ${ms(l.answerToDelta.p99)}; POST sent → delta / pixels: ${ms(l.postToDelta.p50)} / ${ms(l.postToPixels.p50)} p50; delta → deck's next frame ${ms(l.deltaToFirstDraw.p50)}, changed on its frame ${l.framesDrawn}; frame ${ms(l.frameMs)} (${l.software ? 'software GL' : 'GPU'})`,
  ];
}

/** The web's rows of the results table: bundle, each map, and the ratios the issues target. */
export function renderWeb(bundle: BundleResult, maps: MapResult[], latency: LatencyResult): string[][] {
  const rows: string[][] = [
    [
      '4',
      `Web: gzipped JS of the wall (?mode=wall), ${bundle.files.length} files incl. the map worker`,
      kB(bundle.jsGzip),
      `< 600 kB ${ok(bundle.jsGzip < 600_000)}`,
      `before #16: ${BEFORE_BUNDLE}; largest: ${top(bundle.files)}; loaded only by their mode: ${bundle.modes
        .map((m) => `${m.mode} +${kB(m.gzip)}`)
        .join(', ')}; all ${bundle.allFiles} files: ${kB(bundle.allGzip)}`,
    ],
    ...maps.flatMap(mapRows),
    latencyRow(latency),
  ];
  const [d18, c94, nat] = [pick(maps, 18), pick(maps, 94), pick(maps, 3321)];
  if (d18 && c94) {
    const x = c94.firstMap.cold / d18.firstMap.cold;
    rows.push([
      '4',
      'Web: first coloured map, cold, 94 communes ÷ 18 districts (same run)',
      ratio(x),
      `≤ 1.5× ${ok(x <= 1.5)}`,
      `before: 18 districts (shipped demo) ${ms(BEFORE_WEB.provinceCold)} cold (${BEFORE_WEB.where})`,
    ]);
  }
  if (d18 && nat) {
    const x = nat.firstMap.cold / d18.firstMap.cold;
    const vs94 = c94 ? `; ÷ 94 communes: ${ratio(nat.firstMap.cold / c94.firstMap.cold)}` : '';
    rows.push([
      '4',
      'Web: first coloured map, cold, 3,321 real communes ÷ 18 districts (same run)',
      ratio(x),
      `≤ 2× ${ok(x <= 2)}`,
      `before: synthetic grid ${ms(BEFORE_WEB.gridCold)} cold, ${ratio(BEFORE_WEB.gridCold / BEFORE_WEB.provinceCold)} the 18 districts (${BEFORE_WEB.where})${vs94}`,
    ]);
  } else rows.push(['4', 'Web: first coloured map, cold, 3,321 real communes ÷ 18 districts', 'not run (--quick)', '≤ 2×', '—']);
  return rows;
}
