import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayInfo } from '../../server/protocol/display.js';
import { DisplayRegistry } from '../../server/stream/displays.js';
import { connect, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const wall = (id: string, playlist = 'control-room'): DisplayInfo => ({
  id,
  width: 3840,
  height: 2160,
  version: 'test',
  mode: 'wall',
  playlist,
  scene: 0,
  paused: false,
});

describe('hardening: walls are identified', () => {
  it('a flood of 600 new wall ids cannot push out a wall that is connected', () => {
    const r = new DisplayRegistry();
    r.seen(wall('real-wall'), '10.0.0.5');
    for (let i = 0; i < 600; i++) r.seen(wall(`fake-${i}`), '10.0.0.66');
    expect(r.get('real-wall')).toMatchObject({ connected: true, address: '10.0.0.5' });
    expect(r.list().length).toBeLessThanOrEqual(500);
  });

  it('disconnected walls make room for new ones', () => {
    const r = new DisplayRegistry();
    for (let i = 0; i < 500; i++) r.seen(wall(`w-${i}`), 'a');
    r.disconnected('w-7');
    r.seen(wall('new'), 'b');
    expect(r.has('new')).toBe(true);
    expect(r.has('w-7')).toBe(false);
    expect(r.has('w-0')).toBe(true);
  });

  describe('on a server', () => {
    let srv: TestServer;
    beforeAll(async () => {
      srv = await startServer();
    });
    afterAll(() => srv.stop());

    const mint = async (label: string) => ((await post(srv.url, '/api/tokens', { role: 'display', label })).json as unknown as { token: string }).token;
    const listed = async () =>
      (
        (await (await fetch(`${srv.url}/api/displays`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
          displays: { id: string; playlist: string; scene: number }[];
        }
      ).displays;

    it('a wall without a display token gets the state but is not registered, and cannot be sent commands', async () => {
      const anon = await connect(srv.url, { display: wall('anon-1') });
      anon.socket.emit('display:update', wall('anon-1'));
      await anon.socket.emitWithAck('state:resync');
      expect((await listed()).map((d) => d.id)).not.toContain('anon-1');
      expect((await post(srv.url, '/api/displays/anon-1/commands', { kind: 'reload' })).status).toBe(404);
      anon.socket.disconnect();
    });

    it('a wall id registered with one display token cannot be taken with another', async () => {
      const real = await connect(srv.url, { token: await mint('lobby'), display: wall('lobby-9') });
      const other = await mint('intruder');
      const spoof = await connect(srv.url, { token: other, display: { ...wall('lobby-9'), playlist: 'overview-only' } });
      spoof.socket.emit('display:update', { ...wall('lobby-9'), scene: 2 });
      // Events on one connection are handled in order: once the resync is answered, the update was too.
      await spoof.socket.emitWithAck('state:resync');
      expect((await post(srv.url, '/api/displays/lobby-9/commands', { kind: 'reload' })).json).toEqual({ delivered: 1 });
      expect((await listed()).find((d) => d.id === 'lobby-9')).toMatchObject({ playlist: 'control-room', scene: 0 });
      real.socket.disconnect();
      spoof.socket.disconnect();
    });

    it.each(['constructor', '__proto__', 'toString'])('a wall reporting playlist %s cannot be sent a scene, and the list still answers', async (name) => {
      const w = await connect(srv.url, { token: await mint(name), display: wall(`odd-${name}`, name) });
      const r = await post(srv.url, `/api/displays/odd-${name}/commands`, { kind: 'scene', scene: 0 });
      expect(r.status).toBe(400);
      expect((await fetch(`${srv.url}/api/displays`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      w.socket.disconnect();
    });
  });
});
