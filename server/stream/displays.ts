import type { DisplayInfo, DisplayStatus } from '../protocol/display.js';

/** How many walls are remembered (connected or not) before the longest-unseen are forgotten. */
const MAX_DISPLAYS = 500;

/** The walls that have connected: what they show, their size, version and when last seen. */
export class DisplayRegistry {
  readonly #displays = new Map<string, DisplayStatus>();
  readonly #wall: () => number;

  constructor(wall: () => number = Date.now) {
    this.#wall = wall;
  }

  seen(info: DisplayInfo, address: string, connected = true): void {
    this.#displays.delete(info.id);
    this.#displays.set(info.id, { ...info, address, connected, lastSeen: new Date(this.#wall()).toISOString() });
    if (this.#displays.size > MAX_DISPLAYS) this.#displays.delete(this.#displays.keys().next().value!);
  }

  disconnected(id: string): void {
    const d = this.#displays.get(id);
    if (d) this.#displays.set(id, { ...d, connected: false, lastSeen: new Date(this.#wall()).toISOString() });
  }

  get(id: string): DisplayStatus | undefined {
    return this.#displays.get(id);
  }

  has(id: string): boolean {
    return this.#displays.has(id);
  }

  list(): DisplayStatus[] {
    return [...this.#displays.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
