import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { displayInfoSchema, handshakeSchema, type ClientToServerEvents, type WireServerEvents } from '../protocol/events.js';
import { DELTA_WIRE } from '../protocol/wire.js';
import type { DisplayCommand } from '../protocol/display.js';
import type { LiveState } from '../state/live.js';
import type { DisplayRegistry } from './displays.js';
import { AddressCount, cut, EventBucket, OutputMeter } from './limits.js';
import { SocketSessions, type TokenCheck } from './sessions.js';
import { fastLocalBroadcast } from './broadcast.js';
import { encodeDelta, WireEncoder } from './wire.js';

export type IoServer = Server<ClientToServerEvents, WireServerEvents>;

export interface StreamOptions {
  displays: DisplayRegistry;
  heartbeatSeconds: number;
  version: string;
  systemNow: () => number;
  /** When reading needs a token: checks the handshake's `auth.token`; null when reading is open. */
  mayRead: ((token: string | undefined) => Promise<boolean>) | null;
  /** Where refused connections are logged. */
  warn: (msg: string, data: object) => void;
  /**
   * Who a handshake's token is (null: unknown, revoked or expired). With it, a token that does
   * not authenticate is refused even when reading is open, and sockets are closed once their
   * token is revoked or expires.
   */
  authenticate?: TokenCheck;
  limits?: Partial<StreamLimits>;
  /** Several nodes: the socket.io adapter that shares broadcasts between them (server/cluster/redis.ts). */
  adapter?: ServerOptions['adapter'];
}

/** What one connection may cost the server. */
export interface StreamLimits {
  /** Output queued for a client that does not read, beyond which it is disconnected. */
  maxQueuedBytes: number;
  /** Client events: a burst, then this many per second; the rest are dropped. */
  eventsPerSecond: number;
  eventBurst: number;
  /** Dropped events after which the client is disconnected. */
  maxDroppedEvents: number;
  /** Open connections per address (a wall, a few tablets and admins behind one NAT fit). */
  maxPerAddress: number;
  /** How often the tokens of open sockets are checked again (revocation, expiry). */
  recheckMs: number;
}

export const DEFAULT_LIMITS: StreamLimits = {
  maxQueuedBytes: 8 * 2 ** 20,
  eventsPerSecond: 5,
  eventBurst: 20,
  maxDroppedEvents: 100,
  maxPerAddress: 64,
  recheckMs: 2000,
};

const room = (id: string) => `display:${id}`;
/** Every wall, on every node (with a cluster adapter, a broadcast to it reaches them all). */
const ALL_WALLS = 'displays';
/** Clients of plain deltas (older or other clients); the rest (the web app) read the compact ones. */
const PLAIN = 'delta:plain';

/**
 * socket.io on the HTTP server. On connect: the deltas a returning client missed (by epoch and
 * seq) or a whole snapshot; then every delta, a heartbeat, and admin commands for walls.
 */
export function attachStream(
  http: HttpServer,
  state: LiveState,
  o: StreamOptions,
): { io: IoServer; command(id: string | null, c: DisplayCommand): number; close(): Promise<void> } {
  const io: IoServer = new Server(http, { serveClient: false, maxHttpBufferSize: 16_384, ...(o.adapter && { adapter: o.adapter }) });

  const unfast = fastLocalBroadcast(io.of('/'));
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const sessions = o.authenticate ? new SocketSessions(o.authenticate, limits.recheckMs, o.warn) : null;
  const perAddress = new AddressCount(limits.maxPerAddress);
  io.use((socket, next) => {
    const raw = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const token = typeof raw === 'string' ? raw : undefined;
    const refuse = (code: string) => {
      o.warn('socket connection refused', { code, address: socket.handshake.address });
      next(new Error(code));
    };
    const address = socket.handshake.address;
    const admit = async () => {
      if (!perAddress.acquire(address)) return refuse('too_many_connections');
      let admitted = false;
      try {
        if (o.mayRead && !(await o.mayRead(token))) return refuse('unauthorized');
        const principal = token !== undefined && o.authenticate ? await o.authenticate(token) : undefined;
        if (principal === null) return refuse('unauthorized');
        if (principal && token !== undefined) sessions?.add(socket, token, principal);
        admitted = true;
        socket.once('disconnect', () => perAddress.release(address));
        next();
      } finally {
        if (!admitted) perAddress.release(address);
      }
    };
    admit().catch(() => next(new Error('unavailable')));
  });

  io.on('connection', (socket) => {
    // A client that does not read is cut before its queue grows past the limit.
    // The limit comes on top of the largest packet (one whole snapshot may always be on its way),
    // and a socket is cut once: cutting queues a disconnect packet, which must not cut it again.
    let isCut = false;
    const cutOnce = (why: string, data: object = {}) => {
      if (isCut) return;
      isCut = true;
      o.warn(`socket cut: ${why}`, { address: socket.handshake.address, ...data });
      cut(socket);
    };
    const out = new OutputMeter(socket.conn, () => {
      if (out.queued > limits.maxQueuedBytes + out.largest && socket.connected) cutOnce('it does not read what it is sent', { queued: out.queued });
    });
    const bucket = new EventBucket(limits.eventsPerSecond, limits.eventBurst);
    let dropped = 0;
    socket.use((_event, next) => {
      if (bucket.take()) return next();
      if (++dropped === limits.maxDroppedEvents) cutOnce('too many events');
    });
    /** The mark after the last snapshot sent: until it is written out, a resync needs no other. */
    let snapshotMark = -1;
    const sendSnapshot = () => {
      socket.emit('state:snapshot', state.snapshot());
      snapshotMark = out.created;
    };

    const hs = handshakeSchema.safeParse(socket.handshake.auth ?? {});
    const auth = hs.success ? hs.data : {};
    const wire = (auth.delta ?? 1) >= DELTA_WIRE;
    if (!wire) void socket.join(PLAIN);
    const missed = auth.resume && auth.resume.epoch === state.epoch ? state.since(auth.resume.seq) : null;
    // Catching up, each missed delta goes self-contained (the encoder's copy is at the head).
    if (missed) for (const d of missed) socket.emit('state:delta', wire ? encodeDelta(d, null) : d);
    else sendSnapshot();

    let displayId: string | null = null;
    // Only a display (or admin) token registers a wall, and the wall id stays bound to that token.
    const principal = sessions?.principal(socket);
    const owner = principal && (principal.role === 'display' || principal.role === 'admin') ? principal.id : null;
    if (auth.display && owner === null) o.warn('wall not registered: it needs a display token', { id: auth.display.id, address: socket.handshake.address });
    if (auth.display && owner !== null && o.displays.seen(auth.display, socket.handshake.address, true, owner)) {
      displayId = auth.display.id;
      void socket.join([room(displayId), ALL_WALLS]);
    }

    socket.on('state:resync', (ack) => {
      // At most one snapshot in flight: the one queued, then the deltas after it, bring the client up to date.
      if (out.sentUpTo(snapshotMark)) sendSnapshot();
      // The ack is optional and untrusted: call it only if it really is a function.
      if (typeof ack === 'function') ack({ ok: true, data: { seq: state.seq } });
    });
    socket.on('display:update', (info) => {
      const parsed = displayInfoSchema.safeParse(info);
      // A wall may not rename itself mid-connection; bad updates are dropped, not echoed.
      if (owner === null || !parsed.success || (displayId !== null && parsed.data.id !== displayId)) return;
      if (!o.displays.seen(parsed.data, socket.handshake.address, true, owner)) return;
      if (displayId === null) {
        displayId = parsed.data.id;
        void socket.join([room(displayId), ALL_WALLS]);
      }
    });
    socket.on('disconnect', () => {
      if (displayId !== null && (io.sockets.adapter.rooms.get(room(displayId))?.size ?? 0) === 0) o.displays.disconnected(displayId);
    });
  });

  // Every node publishes the same deltas to its own walls (server/cluster/): local, never via the adapter.
  // One encoding per broadcast and format; plain deltas only while a client wants them.
  const encoder = new WireEncoder(() => state.snapshot());
  const unsubscribe = state.onDelta((delta) => {
    const wire = encoder.encode(delta);
    if (!io.sockets.adapter.rooms.get(PLAIN)?.size) return void io.local.emit('state:delta', wire);
    io.local.except(PLAIN).emit('state:delta', wire);
    io.local.to(PLAIN).emit('state:delta', delta);
  });
  const beat = setInterval(() => {
    io.local.emit('sys:heartbeat', { at: new Date(o.systemNow()).toISOString(), seq: state.seq, epoch: state.epoch, version: o.version });
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
      sessions?.close();
      unsubscribe();
      unfast();
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
