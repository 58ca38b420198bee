/** The app's one retry policy: 1 s, 2 s, 4 s … then every 30 s. A screen never gives up on the server. */
export const retryDelay = (failures: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, failures - 1));

/**
 * What a screen loads before it can show anything (boundaries, display config…): tried until it
 * works, with the retry policy above; `failures` lets the screen say that it is retrying.
 */
export class FirstLoad {
  #failures = $state.raw(0);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #abort: AbortController | null = null;
  #stopped = false;
  readonly #load: (signal: AbortSignal) => Promise<void>;

  constructor(load: (signal: AbortSignal) => Promise<void>) {
    this.#load = load;
  }

  /** Failed attempts so far (0 while the first is under way or once one worked first time). */
  get failures(): number {
    return this.#failures;
  }

  start(): void {
    this.#stopped = false;
    void this.#attempt();
  }

  stop(): void {
    this.#stopped = true;
    this.#abort?.abort();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #attempt(): Promise<void> {
    const ctl = (this.#abort = new AbortController());
    try {
      await this.#load(ctl.signal);
    } catch {
      if (this.#stopped) return;
      this.#failures++;
      this.#timer = setTimeout(() => void this.#attempt(), retryDelay(this.#failures));
    }
  }
}
