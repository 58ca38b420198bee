/**
 * Calls `onIdle` once `ms` pass without a `poke()` (a touch, a key): a touch screen left
 * alone goes back to its overview by itself.
 */
export class IdleTimer {
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #ms: number;
  readonly #onIdle: () => void;

  constructor(ms: number, onIdle: () => void) {
    this.#ms = ms;
    this.#onIdle = onIdle;
  }

  poke(): void {
    this.stop();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#onIdle();
    }, this.#ms);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
