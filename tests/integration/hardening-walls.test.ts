import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayInfo } from '../../server/protocol/display.js';
import { DisplayRegistry } from '../../server/stream/displays.js';
import { connect, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const wall = (id: string, playlist = 'control-room'): DisplayInfo => ({ id, width: 3840, height: 2160, version: 'test', mode: 'wall', playlist, scene: 0, paused: false });

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

    it('a wall id registered with a display token cannot be taken by a socket without it', async () => {
      const minted = (await post(srv.url, '/api/tokens', { role: 'display', label: 'lobby' })).json as unknown as { token: string };
      const real = await connect(srv.url, { token: minted.token, display: wall('lobby-9') });
      const spoof = await connect(srv.url, { display: { ...wall('lobby-9'), playlist: 'overview-only' } });
      spoof.socket.emit('display:update', { ...wall('lobby-9'), scene: 2 });
      // The spoofer's update travels before the command on the same connection order: ask after an ack.
      await spoof.socket.emitWithAck('state:resync');
      expect((await post(srv.url, '/api/displays/lobby-9/commands', { kind: 'reload' })).json).toEqual({ delivered: 1 });
      const listed = (await (await fetch(`${srv.url}/api/displays`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { displays: { id: string; playlist: string; scene: number }[] };
      expect(listed.displays.find((d) => d.id === 'lobby-9')).toMatchObject({ playlist: 'control-room', scene: 0 });
      real.socket.disconnect();
      spoof.socket.disconnect();
    });

    it.each(['constructor', '__proto__', 'toString'])('a wall reporting playlist %s cannot be sent a scene, and the list still answers', async (name) => {
      const w = await connect(srv.url, { display: wall(`odd-${name}`, name) });
      const r = await post(srv.url, `/api/displays/odd-${name}/commands`, { kind: 'scene', scene: 0 });
      expect(r.status).toBe(400);
      expect((await fetch(`${srv.url}/api/displays`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
      w.socket.disconnect();
    });
  });
});
