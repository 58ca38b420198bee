/**
 * `npm run bench`: every benchmark of BENCHMARKS.md on this machine, one after the other, and
 * the table of results written into BENCHMARKS.md (between its markers) and test-results/.
 * `npm run bench -- --quick`: small sizes and few rounds, to check in CI that it all still runs
 * (its figures go to test-results/ only). Benchmarks assert nothing about time; they fail
 * (non-zero exit) only when something breaks, e.g. a client never receives its delta.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/server.js';
import { benchEngine, type EngineResult } from './engine.js';
import { benchFanout, type FanoutResult } from './fanout.js';
import { kb, mb, ms, n, ok, ratio } from './format.js';
import { benchIngest, type IngestResult } from './ingest.js';
import { benchLatency, type LatencyResult } from './latency.js';
import { MAPS, NATIONAL, type NationalSize } from './national.js';
import { benchBundle, type BundleResult } from './web.js';
import { benchWebMap, type MapResult } from './webmap.js';
import { renderWeb } from './webtable.js';

const quick = process.argv.includes('--quick');
const skipWeb = process.argv.includes('--no-web');
const started = Date.now();
/** Each line with the seconds since the start: CI's quick run must stay well under two minutes. */
const log = (m: string) => console.log(`[bench] ${String(Math.round((Date.now() - started) / 1000)).padStart(3)} s  ${m}`);

/** Quick: engine and ingest on Hồ Chí Minh City's 168 real communes; the web on the 18 and 94 maps only. */
const HCMC: NationalSize = {
  ...NATIONAL,
  map: { label: 'Hồ Chí Minh City, 168 communes (2025)', file: MAPS.national.file, filter: { property: 'province', equals: '79' } },
};
const SIZES = quick
  ? {
      engine: { size: HCMC, rounds: 50 },
      ingest: { size: HCMC, batches: 3, batchSize: 2_000 },
      fanout: { clients: 100, workers: 2, rounds: 20 },
      web: [
        { map: MAPS.districts18, warm: 0, frames: 3, recolours: 1 },
        { map: MAPS.communes94, warm: 0, frames: 3, recolours: 1 },
      ],
    }
  : {
      engine: { size: NATIONAL, rounds: 300 },
      ingest: { size: NATIONAL, batches: 20, batchSize: 10_000 },
      fanout: { clients: 1000, workers: 4, rounds: 200 },
      web: [
        { map: MAPS.districts18, warm: 2, frames: 20, recolours: 5 },
        { map: MAPS.communes94, warm: 2, frames: 20, recolours: 5 },
        { map: MAPS.national, warm: 1, frames: 20, recolours: 3 },
      ],
    };

interface Results {
  quick: boolean;
  machine: { cpu: string; cores: number; memGiB: number; node: string; os: string; date: string; commit: string; load: string };
  engine: EngineResult;
  ingest: IngestResult;
  fanout: FanoutResult;
  web: { bundle: BundleResult; maps: MapResult[]; latency: LatencyResult } | null;
}

function machine(): Results['machine'] {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout: leave it unknown
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    os: `Linux ${release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    load: '',
  };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const m = machine();
  const loadStart = loadavg()[0]!;
  log(`${quick ? 'quick run' : 'full run'} on ${m.cpu} × ${m.cores}, ${m.memGiB} GiB, Node ${m.node}`);

  log(`1/5 risk engine: ${SIZES.engine.size.map!.label} × ${SIZES.engine.size.indicators} indicators × ${SIZES.engine.size.months} months`);
  const engine = benchEngine(SIZES.engine.size, SIZES.engine.rounds);

  log(`2/5 ingest: ${SIZES.ingest.batches} batches of ${SIZES.ingest.batchSize} readings into ${SIZES.ingest.size.map!.label}`);
  const ingest = await benchIngest(SIZES.ingest);

  log(`3/5 fan-out: ${SIZES.fanout.clients} socket.io clients in ${SIZES.fanout.workers} processes, ${SIZES.fanout.rounds} rounds, and the raw ws floor`);
  const fanout = await benchFanout(SIZES.fanout);

  let web: Results['web'] = null;
  if (!skipWeb) {
    log(`4/5 web: bundle; on ${SIZES.web.map((w) => w.map.label).join(', ')}: first coloured map, panning, recolour`);
    const bundle = await benchBundle(log);
    const maps: MapResult[] = [];
    for (const w of SIZES.web) maps.push(await benchWebMap(w.map, w, log));
    log('  reading accepted → pixels changed on a wall (province)');
    const latency = await benchLatency(quick ? 2 : 20, log);
    web = { bundle, maps, latency };
  }
  log('5/5 memory: measured with the servers above');

  // Other work on the machine inflates figures: say how busy it was (1-minute load averages).
  m.load = `load average ${loadStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`;
  const results: Results = { quick, machine: m, engine, ingest, fanout, web };
  const out = join(ROOT, 'test-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, quick ? 'bench-quick.json' : 'bench.json'), JSON.stringify(results, null, 2));
  const table = render(results, Math.round((Date.now() - t0) / 1000));
  writeFileSync(join(out, quick ? 'bench-quick.md' : 'bench.md'), table);
  if (!quick) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const doc = readFileSync(file, 'utf8');
    const [start, end] = ['<!-- bench:results:start -->', '<!-- bench:results:end -->'];
    const a = doc.indexOf(start);
    const b = doc.indexOf(end);
    if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${start} … ${end} markers`);
    writeFileSync(file, `${doc.slice(0, a + start.length)}\n${table}\n${doc.slice(b)}`);
    log('results written into BENCHMARKS.md');
  }
  console.log(`\n${table}`);
}

/**
 * The risk engine before the engine work: typed in, not re-measured by a run, so they say where
 * and when they were measured (the engine benchmark of 850e958 on a304b8f's engine, the machine of
 * the 2026-11-27 results). Compare them only with figures from that machine.
 */
const BEFORE = {
  fullP50: 1_668,
  incrementalP50: 1_308,
  where: 'measured 2026-11-27 at commit 850e958, a304b8f plus the engine benchmark, on Intel(R) Xeon(R) Processor × 2 cores, 24 GiB',
};

/**
 * Issue 16's starting point: the full run of 2026-11-29T13:10Z at commit 87b2af8 (AMD EPYC × 2
 * cores, 24 GiB), typed in so that each row shows its before beside its after.
 */
export const BEFORE16 = {
  where: 'run of 2026-11-29T13:10Z at 87b2af8, AMD EPYC × 2 cores',
  fullP50: 213,
  ingestPerSecond: 14_215,
  storePerSecond: 47_865,
  fanoutRatio: '1.46× / 1.22×',
  deltaBytes: '631 B / 598 B',
  rssBooted: '963 MiB',
  rssAfterIngest: '1,643 MiB',
};

/** The results as a markdown table: each figure beside its target and its baseline. */
function render(r: Results, seconds: number): string {
  const { engine: e, ingest: i, fanout: f, web: w, machine: m } = r;
  const rows: string[][] = [
    [
      '1',
      `Risk engine, full recompute (clock moved; ${n(e.units)} units × ${e.indicators} ind., ${n(e.readings)} readings), p50 / p99`,
      `${ms(e.full.p50)} / ${ms(e.full.p99)}`,
      `< 50 ms ${ok(e.full.p50 < 50)}`,
      `before #16: ${n(BEFORE16.fullP50)} ms p50 (${BEFORE16.where}); before #6: ${n(BEFORE.fullP50)} ms p50 (${BEFORE.where}); pure \`assessAll\` now: ${ms(e.assessAll.p50)}`,
    ],
    [
      '1',
      'Risk engine, incremental recompute after one new reading, p50 / p99',
      `${ms(e.incremental.p50)} / ${ms(e.incremental.p99)}`,
      `< 1 ms ${ok(e.incremental.p50 < 1)}`,
      `before, at national scale: ${n(BEFORE.incrementalP50)} ms p50, each reading recomputed every unit (${BEFORE.where})`,
    ],
    [
      '2',
      `Ingest through POST /api/readings (batches of ${n(i.batchSize)}, ${n(i.units)} units, ${n(i.storedReadings)} stored)`,
      `${n(i.readingsPerSecond)} readings/s = ${ratio(i.readingsPerSecond / i.storeAloneReadingsPerSecond)} the store alone`,
      `≥ 0.8× the store alone ${ok(i.readingsPerSecond >= 0.8 * i.storeAloneReadingsPerSecond)}`,
      `before #16: ${n(BEFORE16.ingestPerSecond)}/s (${BEFORE16.where})`,
    ],
    [
      '2',
      `Ingest floor: the store alone (same SQLite, same batches of ${n(i.batchSize)})`,
      `${n(i.storeAloneReadingsPerSecond)} readings/s`,
      `≥ 200,000/s ${ok(i.storeAloneReadingsPerSecond >= 200_000)}`,
      `before #16: ${n(BEFORE16.storePerSecond)}/s`,
    ],
    [
      '2',
      'Ingest: POST → delta leaving the server, per batch, p50 / p99',
      `${ms(i.postToDelta.p50)} / ${ms(i.postToDelta.p99)}`,
      '—',
      `one reading: ${ms(i.oneReading.postToDelta.p50)} / ${ms(i.oneReading.postToDelta.p99)}`,
    ],
    [
      '3',
      `Fan-out: emit → last of ${n(f.clients)} socket.io clients has the delta, p50 / p99 (${f.rounds} rounds)`,
      `${ms(f.emitToLast.p50)} / ${ms(f.emitToLast.p99)}`,
      '—',
      `raw ws, same bytes: ${ms(f.floor.p50)} / ${ms(f.floor.p99)}`,
    ],
    [
      '3',
      'Fan-out: ratio to the floor, p50 / p99',
      `${f.ratioP50.toFixed(2)}× / ${f.ratioP99.toFixed(2)}×`,
      `≤ 1.2× at p50 and p99 ${ok(f.ratioP50 <= 1.2 && f.ratioP99 <= 1.2)}`,
      `before #16: ${BEFORE16.fanoutRatio}`,
    ],
    [
      '3',
      'Fan-out: POST of one reading → last client, p50 / p99',
      `${ms(f.postToLast.p50)} / ${ms(f.postToLast.p99)}`,
      '—',
      `emit's synchronous part: ${ms(f.emitSync.p50)} (floor's loop: ${ms(f.floorSync.p50)})`,
    ],
    [
      '3',
      'Bytes of a one-reading delta (province / national)',
      `${f.deltaBytes} B / ${i.oneReading.deltaBytes} B`,
      `< 300 B ${ok(Math.max(f.deltaBytes, i.oneReading.deltaBytes) < 300)}`,
      `before #16: ${BEFORE16.deltaBytes}; full snapshot: ${kb(f.snapshotBytes)} / ${kb(i.snapshotBytes)}`,
    ],
  ];
  if (w) rows.push(...renderWeb(w.bundle, w.maps, w.latency));
  rows.push(
    ['5', `Memory: server RSS with ${n(f.clients)} socket.io clients (province)`, mb(f.rss.withClients), '—', `same server, no client: ${mb(f.rss.idle)}`],
    [
      '5',
      `Memory: server RSS with ${n(i.units)} units and ${n(i.storedReadings)} readings loaded (heap); live heap after a full GC, after boot → after the ingest run`,
      `${mb(i.rss.booted)} (${mb(i.rss.heapBooted)}); live ${mb(i.rss.liveBooted)} → ${mb(i.rss.liveAfter)}`,
      `< 300 MiB ${ok(i.rss.booted < 300 * 2 ** 20)}; no growth across the ingest ${ok(i.rss.liveAfter < i.rss.liveBooted * 1.1)}`,
      `before #16: ${BEFORE16.rssBooted}, ${BEFORE16.rssAfterIngest} after the ingest; RSS after the ingest run now ${mb(i.rss.afterIngest)}, ${mb(i.rss.afterIngestGc)} after a full GC (heap pages V8 keeps committed, see "Full recompute and memory"); boot took ${ms(i.bootMs)}`,
    ],
  );
  const head = `Measured ${m.date} on ${m.cpu} × ${m.cores} cores, ${m.memGiB} GiB, Node ${m.node}, ${m.os}, commit ${m.commit}, ${m.load}${r.quick ? ' — **quick run (small sizes): not the figures of record**' : ''}; the whole run took ${seconds} s.`;
  return [head, '', '| # | measure | result | target | baseline |', '| --- | --- | --- | --- | --- |', ...rows.map((c) => `| ${c.join(' | ')} |`)].join('\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('[bench] FAILED:', err);
    process.exit(1);
  },
);
