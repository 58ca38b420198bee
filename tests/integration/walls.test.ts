import { rmSync } from 'node:fs';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delta, DisplayInfo } from '../../server/protocol/index.js';
import { configWith, connect, next, post, startServer, TOKEN, type Client, type TestServer } from '../helpers/server.js';

const wallInfo = (id: string): DisplayInfo => ({
  id,
  width: 3840,
  height: 2160,
  version: '0.1.0',
  mode: 'wall',
  playlist: 'control-room',
  scene: 0,
  paused: false,
});
const reading = (value: number) => ({ readings: [{ unit: 'tam-ky', indicator: 'land-database', value, at: '2024-08-31T07:00:00+07:00' }] });

describe('walls: catching up, heartbeat, remote control', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  beforeAll(async () => {
    cfg = configWith({ heartbeatSeconds: 0.1 });
    srv = await startServer({ configFile: cfg.file });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it('a returning client gets exactly the deltas it missed, not a snapshot', async () => {
    const first = await connect(srv.url);
    const { epoch, seq } = first.snapshot;
    first.socket.disconnect();
    for (const v of [10, 11, 12]) expect((await post(srv.url, '/api/readings', reading(v))).status).toBe(200);

    const socket: Client = io(srv.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
      auth: { resume: { epoch, seq } },
    });
    const got: Delta[] = [];
    let snapshots = 0;
    socket.on('state:snapshot', () => snapshots++);
    const three = new Promise<void>((res) => socket.on('state:delta', (d) => got.push(d) === 3 && res()));
    socket.connect();
    await three;
    expect(got.map((d) => d.seq)).toEqual([seq + 1, seq + 2, seq + 3]);
    expect(snapshots).toBe(0);
    socket.disconnect();
  });

  it('a client from another server run (another epoch) gets a snapshot', async () => {
    const c = await connect(srv.url, { resume: { epoch: 'an-older-run', seq: 1 } });
    expect(c.snapshot.epoch).toBe(srv.state.epoch);
    c.socket.disconnect();
  });

  it('sends a heartbeat with the current seq even when nothing changes', async () => {
    const c = await connect(srv.url);
    const beat = await next(c.socket, 'sys:heartbeat');
    expect(beat).toMatchObject({ seq: srv.state.seq, epoch: srv.state.epoch });
    c.socket.disconnect();
  });

  it('lists walls and sends them commands (admin only)', async () => {
    const wall = await connect(srv.url, { token: TOKEN, display: wallInfo('lobby-1') });
    const list = async () => (await (await fetch(`${srv.url}/api/displays`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).displays;
    expect(await list()).toEqual([expect.objectContaining({ id: 'lobby-1', connected: true, width: 3840, playlist: 'control-room' })]);

    const cmd = next(wall.socket, 'display:command');
    expect(await post(srv.url, '/api/displays/lobby-1/commands', { kind: 'reload' })).toEqual({ status: 200, json: { delivered: 1 } });
    expect(await cmd).toEqual({ kind: 'reload' });

    const all = next(wall.socket, 'display:command');
    expect((await post(srv.url, '/api/displays/commands', { kind: 'playlist', playlist: 'overview-only' })).json).toEqual({ delivered: 1 });
    expect(await all).toEqual({ kind: 'playlist', playlist: 'overview-only' });

    expect((await post(srv.url, '/api/displays/nope/commands', { kind: 'reload' })).status).toBe(404);
    const bad = await post(srv.url, '/api/displays/lobby-1/commands', { kind: 'playlist', playlist: 'party' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0]).toMatchObject({ field: 'playlist', problem: 'unknown_playlist' });
    expect((await post(srv.url, '/api/displays/lobby-1/commands', { kind: 'explode' })).status).toBe(400);
    expect((await post(srv.url, '/api/displays/lobby-1/commands', { kind: 'reload' }, null)).status).toBe(401);
    expect((await fetch(`${srv.url}/api/displays`)).status).toBe(401);

    wall.socket.emit('display:update', { ...wallInfo('lobby-1'), scene: 3, paused: true });
    await expect.poll(async () => (await list())[0].scene).toBe(3);
    const gone = new Promise<void>((res) => wall.socket.once('disconnect', () => res()));
    wall.socket.disconnect();
    await gone;
    await expect.poll(async () => (await list())[0].connected).toBe(false);
  });

  it('ignores a malformed handshake and still serves the client', async () => {
    const c = await connect(srv.url, { display: { id: '../../etc' } } as never);
    expect(c.snapshot.seq).toBe(srv.state.seq);
    c.socket.disconnect();
  });
});
