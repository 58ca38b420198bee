import type { Delta } from '../protocol/state.js';

/** How many recent deltas are kept so that a reconnecting wall can catch up without a snapshot… */
const HISTORY = 2000;
/**
 * …and how many unit patches they may hold together: at national scale a tick can patch
 * thousands of units, and 2,000 such deltas would hold gigabytes. Beyond it, a snapshot.
 */
const HISTORY_PATCHES = 20_000;

/** The recent deltas, for catching up, within the count and patch budgets. */
export class DeltaHistory {
  readonly #deltas: Delta[] = [];
  #patches = 0;

  remember(delta: Delta): void {
    this.#deltas.push(delta);
    this.#patches += delta.units.length;
    while (this.#deltas.length > HISTORY || (this.#patches > HISTORY_PATCHES && this.#deltas.length > 1)) {
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
