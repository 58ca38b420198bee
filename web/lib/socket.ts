import { io, type Socket } from 'socket.io-client';
import { DELTA_WIRE, type ClientToServerEvents, type DisplayCommand, type DisplayInfo, type WireServerEvents } from '../../server/protocol/index.js';
import type { LiveView } from './live.svelte.js';

type WallSocket = Socket<WireServerEvents, ClientToServerEvents>;

export interface StreamOptions {
  /** Read token, when the province requires one. */
  token?: string | null;
  /** For walls: who we are (sent at every connection and on `report`). */
  display?: () => DisplayInfo;
  onCommand?: (c: DisplayCommand) => void;
  /** The server runs another version than this build (reload to pick it up). */
  onVersion?: (serverVersion: string) => void;
  /** Connected again after `offlineMs` without the server. */
  onReconnect?: (offlineMs: number) => void;
}

export interface Stream {
  /** Tell the server what this wall shows now. */
  report(): void;
  close(): void;
}

/**
 * Connect to the server's stream. The only file that imports socket.io-client. On every
 * (re)connection the handshake carries our epoch and seq so the server sends only what we
 * missed; a gap in seq asks for a fresh snapshot.
 */
export function connectStream(state: LiveView, o: StreamOptions = {}): Stream {
  const socket: WallSocket = io({
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
    auth: (cb) =>
      cb({
        // Compact deltas (server/protocol/wire.ts): a server that predates them sends plain ones, which we read too.
        delta: DELTA_WIRE,
        ...(o.token && { token: o.token }),
        ...(state.resumePoint() && { resume: state.resumePoint() }),
        ...(o.display && { display: o.display() }),
      }),
  });
  // One resync at a time: deltas arriving before the snapshot must not each ask again.
  let resyncing = false;
  const resync = () => {
    if (resyncing) return;
    resyncing = true;
    socket.emit('state:resync');
  };
  socket.on('connect', () => {
    const since = state.disconnectedAt;
    state.setConnection('online');
    if (since !== null) o.onReconnect?.(Date.now() - since);
  });
  socket.on('disconnect', (reason) => {
    state.setConnection('offline');
    // socket.io does not reconnect by itself after the server closed the connection (a graceful
    // shutdown, an admin cutting it): a wall always does.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 1000);
  });
  socket.io.on('reconnect_attempt', () => state.setConnection('offline'));
  socket.on('state:snapshot', (s) => {
    resyncing = false;
    state.setSnapshot(s);
  });
  socket.on('disconnect', () => (resyncing = false));
  socket.on('state:delta', (d) => {
    if (state.applyDelta(d) === 'gap') resync();
  });
  socket.on('sys:heartbeat', (b) => {
    if (b.version !== __APP_VERSION__) o.onVersion?.(b.version);
    else if (state.heartbeat(b) === 'gap') resync();
  });
  socket.on('display:command', (c) => o.onCommand?.(c));
  return {
    report: () => {
      if (o.display && socket.connected) socket.emit('display:update', o.display());
    },
    close: () => {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
}
