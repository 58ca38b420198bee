import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/index.js';
import type { WallState } from './wall.svelte.js';

type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connect the wall to the server's stream. The only file that imports socket.io-client. */
export function connectStream(state: WallState, url?: string): () => void {
  const socket: WallSocket = url ? io(url, { transports: ['websocket'] }) : io({ transports: ['websocket'] });
  socket.on('connect', () => state.setConnection('online'));
  socket.on('disconnect', () => state.setConnection('offline'));
  socket.io.on('reconnect_attempt', () => {
    if (state.connection !== 'offline') state.setConnection('offline');
  });
  socket.on('state:snapshot', (s) => state.setSnapshot(s));
  socket.on('state:delta', (d) => {
    // A gap in seq means we missed something: ask for the whole state again.
    if (state.applyDelta(d) === 'gap') socket.emit('state:resync');
  });
  return () => {
    socket.removeAllListeners();
    socket.disconnect();
  };
}
