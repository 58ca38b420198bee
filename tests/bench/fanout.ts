import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_NOW, ROOT, SHARED_GEO, TOKEN } from '../helpers/server.js';
import type { FromClients } from './clients.js';
import { forkTs, type Child } from './procs.js';
import type { FromServer, ServerProcOptions, ToServer } from './server-proc.js';
import { mono, summary, type Summary } from './stats.js';

export interface FanoutOptions {
  clients: number;
  workers: number;
  rounds: number;
}

export interface FanoutResult {
  clients: number;
  workers: number;
  rounds: number;
  /** From the call to io.emit to the last client holding the delta, ms. */
  emitToLast: Summary;
  /** From the POST leaving the driver to the last client holding the delta, ms. */
  postToLast: Summary;
  /** The synchronous part of the broadcast (encoding and writing to every socket), ms. */
  emitSync: Summary;
  /** The floor: a raw ws loop sending the same bytes, from its start to the last client, ms. */
  floor: Summary;
  /** The floor's synchronous send loop, ms. */
  floorSync: Summary;
  ratioP50: number;
  ratioP99: number;
  deltaBytes: number;
  snapshotBytes: number;
  rss: { idle: number; withClients: number; heapWithClients: number };
}

type Server = Child<ToServer, FromServer>;
type Clients = Child<{ type: 'stop' }, FromClients>;

function startClients(mode: 'io' | 'ws', url: string, o: FanoutOptions): Clients[] {
  const per = Math.ceil(o.clients / o.workers);
  return Array.from({ length: o.workers }, (_, w) =>
    forkTs<{ type: 'stop' }, FromClients>('clients.ts', [mode, url, String(Math.min(per, o.clients - w * per)), String(w)], `${mode} clients ${w + 1}`),
  );
}

/** When the last client of every worker has a round's message (monotonic ms). */
async function lastOf(workers: Clients[], round: number): Promise<number> {
  const got = await Promise.all(workers.map((w) => w.next('got')));
  for (const g of got) if (g.round !== round) throw new Error(`clients got round ${g.round}, expected ${round}`);
  return Math.max(...got.map((g) => g.last));
}

/**
 * Fan-out: `clients` real socket.io clients (in worker processes) on loopback, one reading
 * POSTed per round, timed until every client has its delta; then a raw `ws` server sending
 * the same bytes to as many raw clients, the floor.
 */
export async function benchFanout(o: FanoutOptions): Promise<FanoutResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ioc-bench-fanout-'));
  const opts: ServerProcOptions = {
    configFile: join(ROOT, 'config/quang-nam-2024.json'),
    geoDir: SHARED_GEO,
    dataDir,
    demo: true,
    now: DEMO_NOW,
    webRoot: null,
    adminToken: TOKEN,
  };
  const server: Server = forkTs<ToServer, FromServer>('server-proc.ts', [JSON.stringify(opts)], 'fan-out server');
  const stops: (() => Promise<void>)[] = [() => server.stop({ type: 'stop' })];
  try {
    const { url } = await server.next('ready');
    server.send({ type: 'mem' });
    const idle = await server.next('mem');

    const io = startClients('io', url, o);
    stops.push(...io.map((c) => () => c.stop({ type: 'stop' })));
    await Promise.all(io.map((c) => c.next('connected')));
    server.send({ type: 'mem' });
    const withClients = await server.next('mem');
    if (withClients.clients !== o.clients) throw new Error(`the server counts ${withClients.clients} clients, expected ${o.clients}`);
    server.send({ type: 'snapshot-bytes' });
    const { bytes: snapshotBytes } = await server.next('snapshot-bytes');

    // The floor runs beside it: a bare ws server sending the same bytes (the last delta's frame)
    // to as many raw ws clients. Rounds alternate, so that both see the same machine.
    const warm = Math.min(5, Math.ceil(o.rounds / 5));
    const emitToLast: number[] = [];
    const postToLast: number[] = [];
    const emitSync: number[] = [];
    const bytes: number[] = [];
    const floor: number[] = [];
    const floorSync: number[] = [];
    const units = ['tam-ky', 'hoi-an', 'dai-loc', 'que-son', 'nam-giang', 'thang-binh'];
    let ws: Clients[] = [];
    for (let r = 0; r < warm + o.rounds; r++) {
      const reading = {
        unit: units[r % units.length],
        indicator: 'online-dossier-rate',
        value: 30 + (r % 50),
        at: new Date(DEMO_NOW - (r + 1) * 60_000).toISOString(),
      };
      const t0 = mono();
      const res = await fetch(`${url}/api/readings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ readings: [reading] }),
      });
      const body = (await res.json()) as { seq?: number };
      if (res.status !== 200 || body.seq === undefined) throw new Error(`POST /api/readings answered ${res.status}: ${JSON.stringify(body)}`);
      const delta = await server.next('delta');
      if (delta.seq !== body.seq) throw new Error(`delta ${delta.seq} broadcast, expected ${body.seq}`);
      const last = await lastOf(io, body.seq);
      if (r === 0) {
        server.send({ type: 'ws-floor' });
        const floorAt = await server.next('ws-floor');
        ws = startClients('ws', floorAt.url, o);
        stops.push(...ws.map((c) => () => c.stop({ type: 'stop' })));
        await Promise.all(ws.map((c) => c.next('connected')));
      }
      server.send({ type: 'ws-send' });
      const sent = await server.next('ws-sent');
      if (sent.clients !== o.clients) throw new Error(`the floor reached ${sent.clients} clients, expected ${o.clients}`);
      const floorLast = await lastOf(ws, r + 1);
      if (r < warm) continue;
      emitToLast.push(last - delta.start);
      postToLast.push(last - t0);
      emitSync.push(delta.end - delta.start);
      bytes.push(delta.bytes);
      floor.push(floorLast - sent.start);
      floorSync.push(sent.end - sent.start);
    }
    const io50 = summary(emitToLast);
    const fl = summary(floor);
    return {
      ...o,
      emitToLast: io50,
      postToLast: summary(postToLast),
      emitSync: summary(emitSync),
      floor: fl,
      floorSync: summary(floorSync),
      ratioP50: io50.p50 / fl.p50,
      ratioP99: io50.p99 / fl.p99,
      deltaBytes: summary(bytes).p50,
      snapshotBytes,
      rss: { idle: idle.rss, withClients: withClients.rss, heapWithClients: withClients.heapUsed },
    };
  } finally {
    await Promise.allSettled(stops.reverse().map((s) => s()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
