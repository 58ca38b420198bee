import type { Delta } from '../protocol/state.js';

/** How many recent deltas are kept so that a reconnecting wall can catch up without a snapshot… */
const HISTORY = 2000;
/**
 * …and how many unit patches they may hold together, at least: a wall further behind than
 * about one patch per unit gets a snapshot, which is then about as big as the catch-up.
 */
const MIN_PATCHES = 1_000;

/**
 * The recent deltas, for catching up, within the count and patch budgets. The patch budget
 * follows the map's size (issue 16): a fixed 20,000 held six national batches of ingest, every
 * unit patched each time, about 350 MiB the server never gave back.
 */
export class DeltaHistory {
  readonly #deltas: Delta[] = [];
  #patches = 0;
  readonly #budget: number;

  /** `units`: how many units the largest map has; the history keeps about one patch per unit. */
  constructor(units: number) {
    this.#budget = Math.max(MIN_PATCHES, units);
  }

  remember(delta: Delta): void {
    this.#deltas.push(delta);
    this.#patches += delta.units.length;
    while (this.#deltas.length > HISTORY || (this.#patches > this.#budget && this.#deltas.length > 1)) {
      this.#patches -= this.#deltas.shift()!.units.length;
    }
  }

  /** The deltas after `seq` up to `head` in order, or null when they are no longer all kept. */
  since(seq: number, head: number): Delta[] | null {
    if (seq === head) return [];
    const first = this.#deltas[0];
    if (seq > head || !first || first.seq > seq + 1) return null;
    return this.#deltas.slice(seq + 1 - first.seq);
  }

  clear(): void {
    this.#deltas.length = 0;
    this.#patches = 0;
  }
}
