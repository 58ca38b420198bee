import type { Socket } from 'socket.io';

type Conn = Socket['conn'];
type Packet = { data?: unknown };

/** Bytes a packet holds in memory (strings counted by length: what the queue keeps). */
const sizeOf = (p: Packet): number => (typeof p.data === 'string' ? p.data.length : Buffer.isBuffer(p.data) ? p.data.length : 0);

/**
 * What the server holds for one connection's output, from engine.io's public events: bytes of
 * packets created, handed to the transport (`flush`), and written out (transport `drain`).
 */
export class OutputMeter {
  #created = 0;
  #flushed = 0;
  #sent = 0;
  #largest = 0;
  /** Batches handed to the transport and not yet written out, oldest first. */
  readonly #batches: number[] = [];

  constructor(conn: Conn, onCreate: () => void) {
    conn.on('packetCreate', (p: Packet) => {
      const n = sizeOf(p);
      this.#created += n;
      if (n > this.#largest) this.#largest = n;
      onCreate();
    });
    conn.on('flush', (buf: Packet[]) => {
      const n = buf.reduce((s, p) => s + sizeOf(p), 0);
      this.#flushed += n;
      this.#batches.push(n);
    });
    const watch = () => conn.transport.on('drain', () => (this.#sent += this.#batches.shift() ?? 0));
    watch();
    // A polling client upgrading to WebSocket: the new transport's writes are the ones to count.
    conn.on('upgrade', watch);
  }

  /** Bytes created so far (a mark: `sentUpTo(mark)` says when all of them are written). */
  get created(): number {
    return this.#created;
  }

  /** Bytes created and not yet handed to the transport: what a reader that never reads makes grow. */
  get queued(): number {
    return this.#created - this.#flushed;
  }

  /** The largest single packet so far (a national snapshot is ~18 MB): the queue limit comes on top of it. */
  get largest(): number {
    return this.#largest;
  }

  sentUpTo(mark: number): boolean {
    return this.#sent >= mark;
  }
}

/** A token bucket: `burst` events at once, then `perSecond`. */
export class EventBucket {
  #tokens: number;
  #at: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.#tokens = burst;
    this.#at = now();
  }

  take(): boolean {
    const t = this.now();
    this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#at) / 1000) * this.perSecond);
    this.#at = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Cut a connection now, dropping what is queued (a graceful close would wait for a reader that never reads). */
export function cut(socket: Socket): void {
  socket.disconnect(true);
  socket.conn.close(true);
  // A WebSocket's TCP connection is its handshake request's: destroying it frees the kernel and ws queues too.
  if (socket.conn.transport.name === 'websocket') socket.conn.request.socket.destroy();
}

/** Open connections per address, with a ceiling. */
export class AddressCount {
  readonly #open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Counts one more for `address` and returns true, or returns false when it is at the ceiling. */
  acquire(address: string): boolean {
    const n = this.#open.get(address) ?? 0;
    if (n >= this.max) return false;
    this.#open.set(address, n + 1);
    return true;
  }

  release(address: string): void {
    const n = (this.#open.get(address) ?? 1) - 1;
    if (n <= 0) this.#open.delete(address);
    else this.#open.set(address, n);
  }
}
