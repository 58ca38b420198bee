import { applyDelta, type Delta, type Snapshot } from '../../server/protocol/index.js';

export type Connection = 'connecting' | 'online' | 'offline';

/**
 * The wall's view of the server state. Snapshots are kept as $state.raw and replaced whole,
 * so components and deck.gl see new objects on every change.
 */
export class WallState {
  #snapshot = $state.raw<Snapshot | null>(null);
  #connection = $state.raw<Connection>('connecting');
  #lastMessageAt = $state.raw<number | null>(null);
  #disconnectedAt = $state.raw<number | null>(null);

  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }
  get connection(): Connection {
    return this.#connection;
  }
  get lastMessageAt(): number | null {
    return this.#lastMessageAt;
  }
  get disconnectedAt(): number | null {
    return this.#disconnectedAt;
  }

  setSnapshot(s: Snapshot, at = Date.now()): void {
    this.#snapshot = s;
    this.#lastMessageAt = at;
  }

  /** Apply a delta in order; 'gap' means deltas were missed and a resync is needed. */
  applyDelta(d: Delta, at = Date.now()): 'applied' | 'old' | 'gap' {
    const s = this.#snapshot;
    if (!s) return 'gap';
    if (d.seq <= s.seq) return 'old';
    if (d.seq !== s.seq + 1) return 'gap';
    this.#snapshot = applyDelta(s, d);
    this.#lastMessageAt = at;
    return 'applied';
  }

  setConnection(c: Connection, at = Date.now()): void {
    if (c === 'offline' && this.#connection !== 'offline') this.#disconnectedAt = at;
    if (c === 'online') this.#disconnectedAt = null;
    this.#connection = c;
  }
}
