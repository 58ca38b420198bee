/**
 * A real server in its own process, for the benchmarks: its memory is its own, and the
 * parent drives it over IPC. Boots with `boot()` from the JSON options in argv[2], listens on
 * a free loopback port, and reports every delta it broadcasts with the (monotonic, shared by
 * all processes on the machine) time the broadcast started and ended. It can also run the
 * floor: a raw `ws` server that sends the same bytes to its clients.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { WebSocketServer, type WebSocket } from 'ws';
import { boot } from '../../server/boot.js';
import { projectRoot } from '../../server/root.js';
import type { Delta } from '../../server/protocol/state.js';
import { mono } from './stats.js';

export interface ServerProcOptions {
  configFile: string;
  geoDir: string;
  dataDir: string;
  demo: boolean;
  /** The data clock (ms). */
  now: number;
  webRoot: string | null;
  adminToken: string;
}

export type ToServer =
  /** `gc`: collect first (the server runs with --expose-gc) so that heapUsed is what is live; `snapshot`: then write a V8 heap snapshot to that file. */
  | { type: 'mem'; gc?: boolean; snapshot?: string }
  | { type: 'clock'; now: number }
  | { type: 'ws-floor' }
  | { type: 'ws-send' }
  | { type: 'snapshot-bytes' }
  | { type: 'stop' };
export type FromServer =
  | { type: 'ready'; url: string; bootMs: number; units: number; readings: number }
  | { type: 'delta'; seq: number; start: number; end: number; units: number; bytes: number }
  | { type: 'mem'; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number; clients: number }
  | { type: 'ws-floor'; url: string; bytes: number }
  | { type: 'ws-sent'; start: number; end: number; clients: number }
  | { type: 'snapshot-bytes'; bytes: number }
  | { type: 'clocked'; seq: number; units: number };

const send = (m: FromServer) => process.send!(m);

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2]!) as ServerProcOptions;
  const t0 = mono();
  // The data clock; the web benchmark moves it to recolour every unit at once.
  let now = o.now;
  const booted = await boot({
    configFile: o.configFile,
    geoDir: o.geoDir,
    dataDir: o.dataDir,
    demo: o.demo,
    simulate: false,
    clock: { now: () => now, demo: o.demo },
    adminToken: o.adminToken,
    webRoot: o.webRoot,
    tickMs: 0,
    // The benchmark writes far more than an operator; the product's default stays 120.
    writeLimitPerMinute: 1_000_000,
    // A thousand bench clients come from one address.
    socketsPerAddress: 100_000,
    logger: false,
    // The built web app reloads itself when the server's version differs from its own: tell it the truth.
    version: (JSON.parse(readFileSync(join(projectRoot(import.meta.dirname), 'package.json'), 'utf8')) as { version: string }).version,
  });
  const url = await booted.app.listen(0, '127.0.0.1');
  const bootMs = mono() - t0;

  // Time the broadcast itself: from socket.io's adapter receiving the delta's packet (whatever
  // emit the stream layer uses) to its return, after every socket has been written to.
  let lastFrame = '';
  type Adapter = { broadcast(packet: { data?: unknown[] }, opts: unknown): void };
  const adapter = booted.app.io.of('/').adapter as unknown as Adapter;
  const broadcast = adapter.broadcast.bind(adapter);
  adapter.broadcast = (packet, opts) => {
    if (packet.data?.[0] !== 'state:delta') return broadcast(packet, opts);
    const start = mono();
    broadcast(packet, opts);
    const end = mono();
    if (process.env.BENCH_DEBUG) console.error('emit', (end - start).toFixed(0));
    const d = packet.data[1] as Delta;
    // What socket.io writes on the wire for it (an EVENT packet), for the floor to send as is.
    // Encoding it again costs time on the request's path: only for small deltas (big ones: -1).
    const small = d.units.length <= 100;
    if (small) lastFrame = `42${JSON.stringify(['state:delta', d])}`;
    send({ type: 'delta', seq: d.seq, start, end, units: d.units.length, bytes: small ? Buffer.byteLength(lastFrame) : -1 });
  };

  let floor: { wss: WebSocketServer; bytes: string } | null = null;
  process.on('message', (m: ToServer) => {
    if (m.type === 'mem') {
      if (m.gc) globalThis.gc?.();
      if (m.snapshot) writeHeapSnapshot(m.snapshot);
      const mu = process.memoryUsage();
      send({ type: 'mem', ...mu, clients: booted.app.io.engine.clientsCount });
    } else if (m.type === 'clock') {
      // What the periodic tick does when time moves: every unit reassessed, one delta broadcast.
      now = m.now;
      const d = booted.state.recompute();
      send({ type: 'clocked', seq: d.seq, units: d.units.length });
    } else if (m.type === 'snapshot-bytes') {
      send({ type: 'snapshot-bytes', bytes: Buffer.byteLength(`42${JSON.stringify(['state:snapshot', booted.state.snapshot()])}`) });
    } else if (m.type === 'ws-floor') {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
      floor = { wss, bytes: lastFrame };
      wss.on('listening', () => send({ type: 'ws-floor', url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, bytes: Buffer.byteLength(lastFrame) }));
    } else if (m.type === 'ws-send' && floor) {
      // The floor: the same bytes written to every open socket, as a broadcast loop does.
      const start = mono();
      let clients = 0;
      for (const c of floor.wss.clients as Set<WebSocket>) {
        c.send(floor.bytes);
        clients++;
      }
      send({ type: 'ws-sent', start, end: mono(), clients });
    } else if (m.type === 'stop') {
      for (const c of floor?.wss.clients ?? []) c.terminate();
      floor?.wss.close();
      void booted.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', url, bootMs, units: booted.config.units.length, readings: (await booted.store.counts()).readings });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
