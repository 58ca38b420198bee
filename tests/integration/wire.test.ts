import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyDelta,
  decodeDelta,
  DELTA_WIRE,
  isWireDelta,
  type ClientToServerEvents,
  type Delta,
  type Handshake,
  type Snapshot,
  type WireDelta,
  type WireServerEvents,
} from '../../server/protocol/index.js';
import { connect, deltas, post, startServer, type TestServer } from '../helpers/server.js';

type WireClient = Socket<WireServerEvents, ClientToServerEvents>;
const reading = (unit: string, value: number, minutes: number) => ({
  readings: [{ unit, indicator: 'online-dossier-rate', value, at: new Date(Date.parse('2024-08-31T08:00:00+07:00') - minutes * 60_000).toISOString() }],
});

/** A client of the compact deltas, keeping its own copy of the state as the web app does (from `held`: resuming). */
function wireClient(url: string, held: Snapshot | null = null) {
  const auth: Handshake = { delta: DELTA_WIRE, ...(held && { resume: { epoch: held.epoch, seq: held.seq } }) };
  const socket: WireClient = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false, auth });
  const got: (Delta | WireDelta)[] = [];
  let snapshots = 0;
  let state: Snapshot | null = held;
  const waiting: { seq: number; res: () => void }[] = [];
  const settle = () => {
    for (const w of waiting.filter((x) => state && x.seq <= state.seq)) w.res();
  };
  socket.on('state:snapshot', (s) => {
    state = s;
    snapshots++;
    settle();
  });
  socket.on('state:delta', (d) => {
    got.push(d);
    if (!state || !isWireDelta(d) || d.seq !== state.seq + 1) throw new Error(`delta ${d.seq} out of order or plain`);
    state = applyDelta(state, decodeDelta(state, d));
    settle();
  });
  socket.connect();
  return {
    socket,
    got,
    state: () => state,
    snapshots: () => snapshots,
    /** Resolves once the client holds `seq`. */
    at: (seq: number) => new Promise<void>((res) => (state && state.seq >= seq ? res() : waiting.push({ seq, res }))),
  };
}

describe('compact deltas (auth.delta = 2) beside plain ones', () => {
  let srv: TestServer;
  beforeAll(async () => (srv = await startServer()));
  afterAll(() => srv.stop());

  it('a wire client rebuilds the server state; a plain client still gets plain deltas', async () => {
    const plain = await connect(srv.url);
    const plainDeltas = deltas(plain.socket);
    const wire = wireClient(srv.url);
    await wire.at(srv.state.seq);
    let seq = 0;
    const units = ['tam-ky', 'hoi-an', 'dai-loc', 'que-son', 'nam-giang', 'thang-binh'];
    for (let r = 0; r < 12; r++) seq = (await post(srv.url, '/api/readings', reading(units[r % 6]!, 30 + r, r + 1))).json.seq;
    await wire.at(seq);
    expect(wire.state()!.units).toEqual(srv.state.snapshot().units);
    expect(wire.state()!.asOf).toEqual(srv.state.snapshot().asOf);
    const last = await plainDeltas.seq(seq);
    expect(last.units[0]!.id).toBe('thang-binh');
    expect('generatedAt' in last).toBe(true);
    const sizes = wire.got.map((d) => Buffer.byteLength(JSON.stringify(d))).sort((a, b) => a - b);
    expect(sizes[6]).toBeLessThan(300);
    plain.socket.disconnect();
    wire.socket.disconnect();
  });

  it('a returning wire client catches up with self-contained deltas', async () => {
    const first = wireClient(srv.url);
    await first.at(srv.state.seq);
    const held = first.state()!;
    first.socket.disconnect();
    let seq = 0;
    for (const v of [41, 42, 43]) seq = (await post(srv.url, '/api/readings', reading('tam-ky', v, 100 + v))).json.seq;
    const back = wireClient(srv.url, held);
    await back.at(seq);
    expect(back.snapshots()).toBe(0);
    expect(back.got.every((d) => isWireDelta(d) && d.a !== undefined && d.units.every((u) => u.f === 1))).toBe(true);
    expect(back.state()!.units).toEqual(srv.state.snapshot().units);
    back.socket.disconnect();
  });
});
