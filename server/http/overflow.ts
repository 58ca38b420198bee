/** An over-limit body's 413 reaches its client (issue 17 item 11): the rest of the body is read and dropped, within bounds, before the connection closes. */
import type { FastifyInstance } from 'fastify';

export interface DrainBounds {
  /** The longest the rest of a refused body is read (ms). */
  maxMs: number;
  /** The most bytes of it read; beyond, the connection is cut. */
  maxBytes: number;
}

/**
 * Closing a connection while the client is still sending makes the kernel answer with a reset,
 * and a reset can discard the 413 before the client reads it. So the 413 keeps the connection
 * open and the rest of the body is read and dropped (at most `maxBytes`, for `maxMs`).
 */
export function drainRefusedBodies(http: FastifyInstance, bounds: DrainBounds = { maxMs: 10_000, maxBytes: 64 * 1024 * 1024 }): void {
  http.addHook('onSend', async (req, reply, payload) => {
    const raw = req.raw;
    if (reply.statusCode !== 413 || raw.complete) return payload;
    reply.removeHeader('connection');
    const cut = () => raw.socket?.destroy();
    const timer = setTimeout(cut, bounds.maxMs).unref();
    let bytes = 0;
    raw.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > bounds.maxBytes) cut();
    });
    raw.once('close', () => clearTimeout(timer));
    raw.resume();
    return payload;
  });
}
