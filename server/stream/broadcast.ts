import type { Namespace, Socket } from 'socket.io';

type BroadcastOptions = Parameters<Namespace['adapter']['broadcast']>[1];

/** What of socket.io's in-memory adapter and engine.io's WebSocket transport the fast path reads (socket.io reads the same). */
interface AdapterInternals {
  encoder: { encode(packet: unknown): unknown[] };
  broadcast(packet: { data?: unknown[] }, opts: BroadcastOptions): void;
}
/** A final, unmasked WebSocket text frame (RFC 6455 5.2): header and payload, as ws writes them. */
export function textFrame(payload: Buffer): Buffer[] {
  const n = payload.length;
  const header = Buffer.alloc(n < 126 ? 2 : n < 65_536 ? 4 : 10);
  header[0] = 0x81;
  header[1] = n < 126 ? n : n < 65_536 ? 126 : 127;
  if (header[1] === 126) header.writeUInt16BE(n, 2);
  if (header[1] === 127) header.writeBigUInt64BE(BigInt(n), 2);
  return [header, payload];
}

interface WsInternals {
  _sender?: { sendFrame?: (frame: Buffer[], cb?: () => void) => void };
  _socket?: { writableLength: number };
}
interface TransportInternals {
  name: string;
  writable: boolean;
  perMessageDeflate?: unknown;
  socket?: WsInternals;
}

/**
 * The WebSocket of a connection that can take a frame now, or null: open, nothing queued in
 * engine.io or in the TCP socket, no compression. Then a frame written to it lands in order.
 */
function idleWebSocket(socket: Socket): WsInternals | null {
  const conn = socket.conn as unknown as { readyState: string; writeBuffer: unknown[]; transport: TransportInternals };
  const t = conn.transport;
  const ws = t.socket;
  if (t.name !== 'websocket' || conn.readyState !== 'open' || !t.writable || conn.writeBuffer.length || t.perMessageDeflate) return null;
  return typeof ws?._sender?.sendFrame === 'function' && ws._socket?.writableLength === 0 ? ws : null;
}

/**
 * Local broadcasts of plain JSON events, written as one pre-built WebSocket frame straight to
 * every idle connection (the bytes socket.io would send: its protocol is unchanged). engine.io's
 * per-packet path (packet objects, events, a write callback per socket) cost a third of a
 * 1,000-client broadcast; a connection that is busy or not on WebSocket still takes that path,
 * so a slow reader is queued, metered and cut as before. Returns the function that undoes it.
 */
export function fastLocalBroadcast(nsp: Namespace): () => void {
  const adapter = nsp.adapter as unknown as AdapterInternals;
  const original = adapter.broadcast;
  adapter.broadcast = function (packet, opts) {
    const flags = opts.flags ?? {};
    const encoded = flags.local && !flags.volatile && !flags.timeout ? adapter.encoder.encode(packet) : null;
    if (!encoded || encoded.length !== 1 || typeof encoded[0] !== 'string') return original.call(this, packet, opts);
    // "4": an engine.io message; the frame is shared by every connection, as socket.io does.
    const frame = textFrame(Buffer.from(`4${encoded[0]}`));
    const except = new Set<string>();
    const members = (r: string) => nsp.adapter.rooms.get(r) ?? new Set<string>();
    for (const r of opts.except ?? []) for (const id of members(r)) except.add(id);
    const ids = opts.rooms.size ? new Set([...opts.rooms].flatMap((r) => [...members(r)])) : nsp.adapter.sids.keys();
    const busy = new Set<string>();
    for (const id of ids) {
      const socket = except.has(id) ? undefined : nsp.sockets.get(id);
      if (!socket) continue;
      const ws = idleWebSocket(socket);
      if (ws) ws._sender!.sendFrame!(frame);
      else busy.add(id);
    }
    // Each socket is in the room named by its id: the busy ones get socket.io's own path.
    if (busy.size) original.call(this, packet, { ...opts, rooms: busy, except: new Set<string>() });
  };
  return () => void (adapter.broadcast = original);
}
