/**
 * Burn-in protection for plasma/OLED walls: the whole layout drifts by a few pixels every few
 * minutes, so no static edge sits on the same pixels for hours.
 */
export class BurnIn {
  #dx = $state.raw(0);
  #dy = $state.raw(0);
  #timer: ReturnType<typeof setInterval> | null = null;

  get transform(): string {
    return `translate(${this.#dx}px, ${this.#dy}px)`;
  }

  start(everyMinutes: number, maxPx: number, random: () => number = Math.random): void {
    this.stop();
    if (maxPx <= 0) return;
    this.#timer = setInterval(() => {
      this.#dx = Math.round((random() * 2 - 1) * maxPx);
      this.#dy = Math.round((random() * 2 - 1) * maxPx);
    }, everyMinutes * 60_000);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
