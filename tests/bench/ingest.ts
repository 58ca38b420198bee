import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toLocalIso } from '../../server/time/local.js';
import { openSqliteStore } from '../../server/store/sqlite.js';
import { SHARED_GEO, TOKEN } from '../helpers/server.js';
import { NATIONAL_NOW, prng, writeCountry, type NationalSize } from './national.js';
import { forkTs, type Child } from './procs.js';
import type { FromServer, ServerProcOptions, ToServer } from './server-proc.js';
import { mono, summary, type Summary } from './stats.js';

export interface IngestOptions {
  size: NationalSize;
  batches: number;
  batchSize: number;
}

export interface IngestResult {
  units: number;
  storedReadings: number;
  seedMs: number;
  bootMs: number;
  batches: number;
  batchSize: number;
  readingsPerSecond: number;
  /** The floor: the SQLite store alone writing batches of the same size into the same database. */
  storeAloneReadingsPerSecond: number;
  /** Per batch: from the POST leaving the client to the end of the delta's broadcast, ms. */
  postToDelta: Summary;
  /** Per batch: the POST's whole round trip, ms. */
  post: Summary;
  /** The units a batch's delta patched (p50). */
  unitsPerBatchDelta: number;
  oneReading: { postToDelta: Summary; deltaBytes: number };
  snapshotBytes: number;
  /** Bytes. `live*`: the heap after a full collection (what is retained); `afterIngestGc`: the RSS then. */
  rss: { booted: number; heapBooted: number; afterIngest: number; liveBooted: number; liveAfter: number; afterIngestGc: number };
}

export interface NationalServer {
  url: string;
  server: Child<ToServer, FromServer>;
  dir: string;
  unitIds: string[];
  indicatorIds: string[];
  stop(): Promise<void>;
}

/** A real server process on a real map with synthetic readings, its SQLite already holding their 36 months. */
export async function startNational(
  size: NationalSize,
  webRoot: string | null,
  storeBatch = 0,
): Promise<NationalServer & { seedMs: number; bootMs: number; stored: number; storeAlone: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-bench-national-'));
  const country = writeCountry(dir, size);
  const dataDir = join(dir, 'data');
  const t0 = mono();
  const store = openSqliteStore(dataDir);
  await store.insertReadings(country.rows().map((r) => ({ ...r, source: 'feed' as const, submittedBy: 'bench' })));
  const seedMs = mono() - t0;
  // The floor of ingest: the store alone writing batches of the same size into the same database.
  const storeAlone: number[] = [];
  if (storeBatch > 0) {
    const rnd = prng(size.seed + 2);
    for (let b = 0; b < 3; b++) {
      const rows = Array.from({ length: storeBatch }, (_, i) => ({
        unit: country.unitIds[Math.floor(rnd() * country.unitIds.length)]!,
        indicator: country.indicatorIds[Math.floor(rnd() * country.indicatorIds.length)]!,
        value: 50,
        // Older than the API batches' instants, so that none collides with them.
        at: NATIONAL_NOW - 30 * 86_400_000 - (b * storeBatch + i) * 1000,
        source: 'feed' as const,
        submittedBy: 'bench',
      }));
      const s0 = mono();
      await store.insertReadings(rows);
      storeAlone.push(mono() - s0);
    }
  }
  await store.close();
  const opts: ServerProcOptions = { configFile: country.configFile, geoDir: SHARED_GEO, dataDir, demo: false, now: NATIONAL_NOW, webRoot, adminToken: TOKEN };
  const server = forkTs<ToServer, FromServer>('server-proc.ts', [JSON.stringify(opts)], 'national server');
  try {
    const ready = await server.next('ready');
    return {
      url: ready.url,
      server,
      dir,
      unitIds: country.unitIds,
      indicatorIds: country.indicatorIds,
      seedMs,
      storeAlone,
      bootMs: ready.bootMs,
      stored: ready.readings,
      async stop() {
        await server.stop({ type: 'stop' });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await server.stop({ type: 'stop' }).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

async function postReadings(url: string, readings: unknown[]): Promise<{ seq: number; ms: number; t0: number }> {
  const body = JSON.stringify({ readings });
  const t0 = mono();
  const res = await fetch(`${url}/api/readings`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
  const json = (await res.json()) as { seq?: number; accepted?: number };
  const ms = mono() - t0;
  if (res.status !== 200 || json.seq === undefined || json.accepted !== readings.length)
    throw new Error(`POST /api/readings answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return { seq: json.seq, ms, t0 };
}

/**
 * Ingest at national scale: batches of readings through POST /api/readings (validated,
 * stored in SQLite in one transaction, assessed, broadcast), one after the other as an
 * importer sends them. Also the server's memory with every unit loaded, and the size of a
 * one-reading delta against the whole snapshot.
 */
export async function benchIngest(o: IngestOptions): Promise<IngestResult> {
  const nat = await startNational(o.size, null, o.batchSize);
  const { server, url } = nat;
  try {
    server.send({ type: 'mem' });
    const booted = await server.next('mem');
    // What is live, apart from garbage not yet collected: the measure of growth.
    server.send({ type: 'mem', gc: true });
    const liveBooted = await server.next('mem');
    server.send({ type: 'snapshot-bytes' });
    const { bytes: snapshotBytes } = await server.next('snapshot-bytes');

    const rnd = prng(o.size.seed + 1);
    const { unitIds, indicatorIds } = nat;
    let k = 0;
    // Each reading at its own instant (the last few days), so that none replaces another.
    const reading = () => ({
      unit: unitIds[Math.floor(rnd() * unitIds.length)]!,
      indicator: indicatorIds[Math.floor(rnd() * indicatorIds.length)]!,
      value: Math.round(rnd() * 1000) / 10,
      at: toLocalIso(NATIONAL_NOW - 60_000 - ++k * 1000, 'Asia/Ho_Chi_Minh'),
    });

    // One reading at a time: what a single report costs at national scale, and the delta's size.
    const one: number[] = [];
    const oneBytes: number[] = [];
    for (let i = 0; i < 25; i++) {
      const r = await postReadings(url, [reading()]);
      const d = await server.next('delta');
      if (d.seq !== r.seq) throw new Error(`delta ${d.seq}, expected ${r.seq}`);
      if (i >= 5) {
        one.push(d.end - r.t0);
        oneBytes.push(d.bytes);
      }
    }

    const postToDelta: number[] = [];
    const post: number[] = [];
    const patched: number[] = [];
    let total = 0;
    let busy = 0;
    for (let b = 0; b < o.batches; b++) {
      const r = await postReadings(url, Array.from({ length: o.batchSize }, reading));
      const d = await server.next('delta');
      if (d.seq !== r.seq) throw new Error(`delta ${d.seq}, expected ${r.seq}`);
      postToDelta.push(d.end - r.t0);
      post.push(r.ms);
      patched.push(d.units);
      total += o.batchSize;
      busy += r.ms;
    }
    server.send({ type: 'mem' });
    const after = await server.next('mem');
    server.send({ type: 'mem', gc: true });
    const liveAfter = await server.next('mem');
    return {
      units: unitIds.length,
      storedReadings: nat.stored,
      seedMs: nat.seedMs,
      bootMs: nat.bootMs,
      batches: o.batches,
      batchSize: o.batchSize,
      readingsPerSecond: total / (busy / 1000),
      storeAloneReadingsPerSecond: (o.batchSize * nat.storeAlone.length) / (nat.storeAlone.reduce((a, b) => a + b, 0) / 1000),
      postToDelta: summary(postToDelta),
      post: summary(post),
      unitsPerBatchDelta: summary(patched).p50,
      oneReading: { postToDelta: summary(one), deltaBytes: summary(oneBytes).p50 },
      snapshotBytes,
      rss: {
        booted: booted.rss,
        heapBooted: booted.heapUsed,
        afterIngest: after.rss,
        liveBooted: liveBooted.heapUsed,
        liveAfter: liveAfter.heapUsed,
        afterIngestGc: liveAfter.rss,
      },
    };
  } finally {
    await nat.stop();
  }
}
