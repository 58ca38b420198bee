/**
 * N real clients in one process, for the fan-out benchmark: socket.io clients (the web app's
 * transport: websocket only) or raw `ws` clients. Reports to the parent when all are connected,
 * and, for each broadcast, when the last of its clients received it (monotonic ms).
 */
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { DELTA_WIRE } from '../../server/protocol/wire.js';
import { mono } from './stats.js';

export type FromClients = { type: 'connected'; n: number } | { type: 'got'; round: number; first: number; last: number } | { type: 'error'; message: string };

const [mode, url, countArg, workerArg] = process.argv.slice(2) as ['io' | 'ws', string, string, string];
const count = Number(countArg);
const worker = Number(workerArg ?? 0);
const send = (m: FromClients) => process.send!(m);
const fail = (message: string) => {
  send({ type: 'error', message });
  process.exit(1);
};

/** Per round (delta seq, or the n-th floor message): how many clients have it, first and last arrival. */
const rounds = new Map<number, { n: number; first: number; last: number }>();
function received(round: number): void {
  const t = mono();
  let r = rounds.get(round);
  if (!r) rounds.set(round, (r = { n: 0, first: t, last: t }));
  r.n++;
  r.last = t;
  if (r.n === count) {
    rounds.delete(round);
    send({ type: 'got', round, first: r.first, last: r.last });
  }
}

const sockets: (Socket | WebSocket)[] = [];
async function connectOne(): Promise<void> {
  if (mode === 'io') {
    // Each client from its own loopback address (127.0.0.0/8): the server admits 64 sockets per address.
    const i = sockets.length;
    const opts = {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      // Compact deltas, as the web app asks for them.
      auth: { delta: DELTA_WIRE },
      localAddress: `127.${worker + 1}.${Math.floor(i / 250)}.${1 + (i % 250)}`,
    };
    const s = io(url, opts);
    sockets.push(s);
    await new Promise<void>((res, rej) => {
      s.once('state:snapshot', () => res());
      s.once('connect_error', (e) => rej(e));
      s.connect();
    });
    s.on('state:delta', (d: { seq: number }) => received(d.seq));
    s.on('disconnect', (why) => {
      if (!stopping) fail(`socket.io client disconnected: ${why}`);
    });
  } else {
    const w = new WebSocket(url, { perMessageDeflate: false });
    sockets.push(w);
    let k = 0;
    await new Promise<void>((res, rej) => {
      w.once('open', () => res());
      w.once('error', rej);
    });
    // A minimal consumer of the same bytes: decode the JSON, as any client of the data must.
    w.on('message', (data: Buffer) => {
      JSON.parse(data.toString('utf8').slice(2));
      received(++k);
    });
    w.on('close', () => {
      if (!stopping) fail('ws client closed');
    });
  }
}

let stopping = false;
process.on('message', (m: { type: 'stop' }) => {
  if (m.type !== 'stop') return;
  stopping = true;
  for (const s of sockets) s instanceof WebSocket ? s.terminate() : s.disconnect();
  process.exit(0);
});

async function main(): Promise<void> {
  // A few at a time: a thousand simultaneous handshakes measure the accept queue, not the product.
  const BATCH = 25;
  for (let i = 0; i < count; i += BATCH) await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, connectOne));
  send({ type: 'connected', n: count });
}

main().catch((err: unknown) => fail(String(err)));
