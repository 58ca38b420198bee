/** How a node's LiveState index follows the change log, and how a write waits for the delta that shows it. */
import type pg from 'pg';
import type { LiveState } from '../state/live.js';
import { foldInto } from '../state/publish.js';
import { loadEverything, type ChangeRow } from './logs.js';

/** Replace a LiveState's index by everything stored. Returns the change reached. */
export async function reloadInto(state: LiveState, pool: pg.Pool): Promise<number> {
  const all = await loadEverything(pool);
  state.load(all);
  return all.upto;
}

/** Fold changes after `from` into a LiveState's index; a reset reloads everything. Returns the change reached. */
export async function foldChanges(state: LiveState, rows: readonly ChangeRow[], from: number, pool: pg.Pool): Promise<number> {
  let upto = from;
  for (const { id, body } of rows) {
    // Everything stored covers this change and the rest of the batch (versions included).
    if (body.reset) return reloadInto(state, pool);
    foldInto(state, body);
    upto = id;
  }
  return upto;
}

/** Writes waiting for the change they committed to be shown (indexed and published). */
export class Waiters {
  readonly #waiting = new Set<{ upto: number; done: () => void }>();

  /** Resolves once `settle` reaches `upto`, or after `ms` (then `late` is called). */
  wait(upto: number, ms: number, late: () => void): Promise<void> {
    return new Promise<void>((res) => {
      const w = { upto, done: () => (clearTimeout(timer), this.#waiting.delete(w), res()) };
      const timer = setTimeout(() => {
        late();
        w.done();
      }, ms);
      this.#waiting.add(w);
    });
  }

  /** Every change up to `reached` is shown: release those waiting for it. */
  settle(reached: number): void {
    for (const w of [...this.#waiting]) if (w.upto <= reached) w.done();
  }

  releaseAll(): void {
    for (const w of [...this.#waiting]) w.done();
  }
}
