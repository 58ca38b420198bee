import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TOKEN, type TestServer } from '../helpers/server.js';

/** What a raw client sees: the status line it read, and the socket errors it met. */
interface Seen {
  status: string;
  errors: string[];
  ms: number;
}

/** Send headers, then `chunks` of 256 KiB (chunked encoding) as fast as the socket takes them. */
function rawPost(url: string, path: string, type: string, chunks: number, headersDone = true): Promise<Seen> {
  const u = new URL(url);
  const t0 = performance.now();
  return new Promise((res) => {
    const s = connect(Number(u.port), u.hostname);
    let got = '';
    const errors: string[] = [];
    s.on('data', (d) => (got += d));
    s.on('error', (e) => errors.push((e as NodeJS.ErrnoException).code ?? e.message));
    s.on('close', () => res({ status: got.split('\r\n')[0] ?? '', errors, ms: performance.now() - t0 }));
    const head = `POST ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: ${type}\r\nauthorization: Bearer ${TOKEN}\r\ntransfer-encoding: chunked\r\n`;
    if (!headersDone) return void s.write(head);
    s.write(`${head}\r\n`);
    const chunk = Buffer.concat([Buffer.from('40000\r\n'), Buffer.alloc(256 * 1024, 32), Buffer.from('\r\n')]);
    let n = 0;
    const pump = () => {
      while (n < chunks && !s.destroyed) {
        n++;
        if (!s.write(chunk)) return void s.once('drain', pump);
      }
      if (!s.destroyed) s.end('0\r\n\r\n');
    };
    pump();
  });
}

describe('hardening: over-limit bodies and slow clients', { timeout: 60_000 }, () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(() => srv.stop());

  it.each([
    ['/api/readings', 'application/json'],
    ['/api/import', 'text/csv'],
  ])('a streaming client sending 50 MB to %s reads its 413, with no reset', async (path, type) => {
    const seen = await rawPost(srv.url, path, type, 200);
    expect(seen.status).toBe('HTTP/1.1 413 Payload Too Large');
    // Before: EPIPE or ECONNRESET while still sending (the server closed at once).
    expect(seen.errors).toEqual([]);
  });

  it('a client that never finishes its headers is cut within seconds', async () => {
    const seen = await rawPost(srv.url, '/api/readings', 'application/json', 0, false);
    // Before: held for 60 s (Node's headersTimeout) plus up to 30 s between checks.
    expect(seen.ms).toBeLessThan(15_000);
    expect(seen.status).toMatch(/408|^$/);
  });
});
