import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';
import type { LiveState } from '../state/live.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * socket.io on the HTTP server: a snapshot on connect, every delta after, and a fresh
 * snapshot for a client that asks with `state:resync` (it saw a gap in seq).
 */
export function attachStream(http: HttpServer, state: LiveState): IoServer {
  const io: IoServer = new Server(http, { serveClient: false, maxHttpBufferSize: 16_384 });
  io.on('connection', (socket) => {
    socket.emit('state:snapshot', state.snapshot());
    socket.on('state:resync', (ack) => {
      socket.emit('state:snapshot', state.snapshot());
      // The ack is optional and untrusted: call it only if it really is a function.
      if (typeof ack === 'function') ack({ ok: true, data: { seq: state.seq } });
    });
  });
  state.onDelta((delta) => io.emit('state:delta', delta));
  return io;
}

/** Recompute on a timer so that time itself (deadlines, staleness, the demo clock) moves the wall. */
export function startTicker(state: LiveState, everyMs: number): () => void {
  if (everyMs <= 0) return () => {};
  const timer = setInterval(() => state.recompute(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
