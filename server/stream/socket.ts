import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { displayInfoSchema, handshakeSchema, type ClientToServerEvents, type ServerToClientEvents } from '../protocol/events.js';
import type { DisplayCommand } from '../protocol/display.js';
import type { LiveState } from '../state/live.js';
import type { DisplayRegistry } from './displays.js';

export type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface StreamOptions {
  displays: DisplayRegistry;
  heartbeatSeconds: number;
  version: string;
  wall: () => number;
  /** When reading needs a token: checks the handshake's `auth.token`; null when reading is open. */
  mayRead: ((token: string | undefined) => Promise<boolean>) | null;
  /** Where refused connections are logged. */
  warn: (msg: string, data: object) => void;
  /** Several nodes: the socket.io adapter that shares broadcasts between them (server/cluster/redis.ts). */
  adapter?: ServerOptions['adapter'];
}

const room = (id: string) => `display:${id}`;
/** Every wall, on every node (with a cluster adapter, a broadcast to it reaches them all). */
const ALL_WALLS = 'displays';

/**
 * socket.io on the HTTP server. On connect: the deltas a returning client missed (by epoch and
 * seq) or a whole snapshot; then every delta, a heartbeat, and admin commands for walls.
 */
export function attachStream(http: HttpServer, state: LiveState, o: StreamOptions): { io: IoServer; command(id: string | null, c: DisplayCommand): number; close(): Promise<void> } {
  const io: IoServer = new Server(http, { serveClient: false, maxHttpBufferSize: 16_384, ...(o.adapter && { adapter: o.adapter }) });

  if (o.mayRead) {
    const mayRead = o.mayRead;
    io.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      mayRead(typeof token === 'string' ? token : undefined)
        .then((ok) => {
          if (!ok) o.warn('socket connection refused', { code: 'unauthorized', address: socket.handshake.address });
          next(ok ? undefined : new Error('unauthorized'));
        })
        .catch(() => next(new Error('unavailable')));
    });
  }

  io.on('connection', (socket) => {
    const hs = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    const auth = hs.success ? hs.data : {};
    const missed = auth.resume && auth.resume.epoch === state.epoch ? state.since(auth.resume.seq) : null;
    if (missed) for (const d of missed) socket.emit('state:delta', d);
    else socket.emit('state:snapshot', state.snapshot());

    let displayId: string | null = null;
    if (auth.display) {
      displayId = auth.display.id;
      void socket.join([room(displayId), ALL_WALLS]);
      o.displays.seen(auth.display, socket.handshake.address);
    }

    socket.on('state:resync', (ack) => {
      socket.emit('state:snapshot', state.snapshot());
      // The ack is optional and untrusted: call it only if it really is a function.
      if (typeof ack === 'function') ack({ ok: true, data: { seq: state.seq } });
    });
    socket.on('display:update', (info) => {
      const parsed = displayInfoSchema.safeParse(info);
      // A wall may not rename itself mid-connection; bad updates are dropped, not echoed.
      if (!parsed.success || (displayId !== null && parsed.data.id !== displayId)) return;
      if (displayId === null) {
        displayId = parsed.data.id;
        void socket.join([room(displayId), ALL_WALLS]);
      }
      o.displays.seen(parsed.data, socket.handshake.address);
    });
    socket.on('disconnect', () => {
      if (displayId !== null && (io.sockets.adapter.rooms.get(room(displayId))?.size ?? 0) === 0) o.displays.disconnected(displayId);
    });
  });

  // Every node publishes the same deltas to its own walls (server/cluster/): local, never via the adapter.
  const unsubscribe = state.onDelta((delta) => io.local.emit('state:delta', delta));
  const beat = setInterval(() => {
    io.local.emit('sys:heartbeat', { at: new Date(o.wall()).toISOString(), seq: state.seq, epoch: state.epoch, version: o.version });
  }, o.heartbeatSeconds * 1000);
  beat.unref();

  return {
    io,
    /** Send a command to one wall (by id) or to all (null); returns how many connections got it. */
    command(id, c) {
      const r = id === null ? ALL_WALLS : room(id);
      const n = io.sockets.adapter.rooms.get(r)?.size ?? 0;
      io.to(r).emit('display:command', c);
      return n;
    },
    async close() {
      clearInterval(beat);
      unsubscribe();
      await new Promise<void>((res) => io.close(() => res()));
    },
  };
}

/** Recompute on a timer so that time itself (deadlines, staleness, the demo clock) moves the wall. */
export function startTicker(state: LiveState, everyMs: number): () => void {
  if (everyMs <= 0) return () => {};
  const timer = setInterval(() => state.recompute(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
