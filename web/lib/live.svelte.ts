import { applyDelta, decodeDelta, isWireDelta, type Delta, type Heartbeat, type Snapshot, type WireDelta } from '../../server/protocol/index.js';

export type Connection = 'connecting' | 'online' | 'offline';

/**
 * A screen's copy of the server's live state (wall, touch screen, briefing alike). Snapshots are
 * kept as $state.raw and replaced whole, so components and deck.gl see new objects on every
 * change. Times here are the system clock (ms), injected as `systemNow`; the data clock is `asOf`.
 */
export class LiveView {
  #snapshot = $state.raw<Snapshot | null>(null);
  #connection = $state.raw<Connection>('connecting');
  /** Last time the server proved our figures current (a snapshot, a delta, or a heartbeat at our seq). */
  #confirmedAt = $state.raw<number | null>(null);
  #disconnectedAt = $state.raw<number | null>(null);

  get snapshot(): Snapshot | null {
    return this.#snapshot;
  }
  get connection(): Connection {
    return this.#connection;
  }
  get confirmedAt(): number | null {
    return this.#confirmedAt;
  }
  get disconnectedAt(): number | null {
    return this.#disconnectedAt;
  }

  setSnapshot(s: Snapshot, systemNow = Date.now()): void {
    this.#snapshot = s;
    this.#confirmedAt = systemNow;
  }

  /**
   * Apply a delta (plain, or on the wire: decoded against our copy) in order; 'gap' means deltas
   * were missed, or one could not be read, and a resync is needed.
   */
  applyDelta(w: Delta | WireDelta, systemNow = Date.now()): 'applied' | 'old' | 'gap' {
    const s = this.#snapshot;
    if (!s) return 'gap';
    if (w.seq <= s.seq) return 'old';
    if (w.seq !== s.seq + 1) return 'gap';
    let d: Delta;
    try {
      d = isWireDelta(w) ? decodeDelta(s, w) : w;
    } catch {
      // Another version, or a unit we do not hold: a snapshot puts us right.
      return 'gap';
    }
    const next = applyDelta(s, d);
    // A new geography version came into force: the map follows `snapshot.geography`.
    this.#snapshot = d.geography ? { ...next, geography: d.geography } : next;
    this.#confirmedAt = systemNow;
    return 'applied';
  }

  /** A heartbeat confirms our figures when it carries our seq; 'gap' when we are behind or from another run. */
  heartbeat(b: Heartbeat, systemNow = Date.now()): 'current' | 'gap' {
    const s = this.#snapshot;
    if (!s || b.epoch !== s.epoch || b.seq !== s.seq) return 'gap';
    this.#confirmedAt = systemNow;
    return 'current';
  }

  setConnection(c: Connection, systemNow = Date.now()): void {
    if (c === 'offline' && this.#connection !== 'offline') this.#disconnectedAt = systemNow;
    if (c === 'online') this.#disconnectedAt = null;
    this.#connection = c;
  }

  /** Where we left off, for the server to send only what we missed. */
  resumePoint(): { epoch: string; seq: number } | undefined {
    const s = this.#snapshot;
    return s ? { epoch: s.epoch, seq: s.seq } : undefined;
  }
}
