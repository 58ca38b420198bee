import { connect as tcp, type Socket as TcpSocket } from 'node:net';
import type { Socket as ServerSocket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startServer, type Client, type TestServer } from '../helpers/server.js';

/** A masked WebSocket text frame (mask 0: the payload goes as is). */
function frame(text: string): Buffer {
  const body = Buffer.from(text);
  const len = body.length < 126 ? Buffer.from([0x80 | body.length]) : Buffer.from([0x80 | 126, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([0x81]), len, Buffer.alloc(4), body]);
}

/** A raw socket.io client over WebSocket that stops reading once the upgrade is answered. */
async function deafClient(url: string): Promise<TcpSocket> {
  const { hostname, port } = new URL(url);
  const s = tcp(Number(port), hostname);
  s.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((res, rej) => {
    let head = '';
    s.on('error', rej);
    s.on('data', function onData(b: Buffer) {
      head += b.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      s.pause();
      if (head.startsWith('HTTP/1.1 101')) res();
      else rej(new Error(head.split('\r\n')[0]));
    });
  });
  return s;
}

/** Heap and buffers outside it: what the server's queued output occupies. */
const held = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

describe('hardening: a socket that does not read', { timeout: 60_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.stop());

  it('2,000 resyncs without reading leave the server holding less than 32 MB more, and the socket is cut', async () => {
    const snapshotBytes = JSON.stringify(srv.state.snapshot()).length;
    const FLOOD = 2000;
    const arrived = new Promise<{ socket: ServerSocket; done: Promise<string> }>((res) =>
      srv.app.io.once('connection', (socket: ServerSocket) => {
        let n = 0;
        const done = new Promise<string>((fin) => {
          socket.conn.on('packet', (p: { type: string }) => {
            if (p.type === 'message' && ++n === FLOOD) fin('all read');
          });
          socket.once('disconnect', () => fin('disconnected'));
        });
        res({ socket, done });
      }),
    );
    const client = await deafClient(srv.url);
    client.write(frame('40'));
    const { socket, done } = await arrived;
    const before = held();
    client.write(Buffer.concat(Array.from({ length: FLOOD }, () => frame('42["state:resync"]'))));
    const how = await done;
    const grew = held() - before;
    console.log(`resync flood: snapshot ${(snapshotBytes / 1024).toFixed(0)} KB, server held +${(grew / 2 ** 20).toFixed(1)} MB, ${how}`);
    expect(grew).toBeLessThan(32 * 2 ** 20);
    expect(socket.connected).toBe(false);
    client.destroy();
  });

  it('a client that reads may ask again: each resync after its snapshot arrived is answered', async () => {
    const { socket } = await connect(srv.url);
    for (let i = 0; i < 3; i++) {
      const snap = new Promise((res) => socket.once('state:snapshot', res));
      const ack = await socket.emitWithAck('state:resync');
      expect(ack).toMatchObject({ ok: true });
      await snap;
    }
    socket.disconnect();
  });

  it('an address opens at most 64 sockets; the next is refused', async () => {
    const open: Client[] = [];
    try {
      for (let i = 0; i < 64; i++) open.push((await connect(srv.url)).socket);
      await expect(connect(srv.url)).rejects.toThrow(/too_many_connections/);
      open.pop()!.disconnect();
      const again = await new Promise<Client>((res) => {
        const tryOnce = (): void => void connect(srv.url).then((c) => res(c.socket), tryOnce);
        tryOnce();
      });
      open.push(again);
    } finally {
      for (const s of open) s.disconnect();
    }
  });
});
