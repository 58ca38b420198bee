import type { Ack } from './errors.js';
import type { Delta, Snapshot } from './state.js';

/** Events the server emits; names are `domain:verb`. */
export interface ServerToClientEvents {
  'state:snapshot': (snapshot: Snapshot) => void;
  'state:delta': (delta: Delta) => void;
}

/** Events a client may emit. */
export interface ClientToServerEvents {
  /** The client saw a gap in `seq`: the server answers with a fresh `state:snapshot` (and acks its seq). */
  'state:resync': (ack?: (result: Ack<{ seq: number }>) => void) => void;
}
