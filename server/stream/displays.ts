import type { DisplayInfo, DisplayStatus } from '../protocol/display.js';

/** How many walls are remembered (connected or not) before the longest-unseen are forgotten. */
const MAX_DISPLAYS = 500;

/**
 * The walls that have connected: what they show, their size, version and when last seen. A
 * wall id first registered with a token stays bound to that token; only disconnected walls
 * are forgotten to make room, so a flood of new ids cannot push out a wall that is connected.
 */
export class DisplayRegistry {
  readonly #displays = new Map<string, DisplayStatus>();
  /** Wall id → the token id it was registered with (null: registered without a token). */
  readonly #owners = new Map<string, string | null>();
  readonly #systemNow: () => number;

  constructor(systemNow: () => number = Date.now) {
    this.#systemNow = systemNow;
  }

  /**
   * Record a wall's report; false (and nothing recorded) when the id belongs to another token,
   * or when the registry is full of connected walls.
   */
  seen(info: DisplayInfo, address: string, connected = true, owner: string | null = null): boolean {
    const bound = this.#owners.get(info.id);
    if (bound !== undefined && bound !== null && bound !== owner) return false;
    if (!this.#displays.has(info.id) && this.#displays.size >= MAX_DISPLAYS) {
      const idle = [...this.#displays.values()].find((d) => !d.connected);
      if (!idle) return false;
      this.#displays.delete(idle.id);
      this.#owners.delete(idle.id);
    }
    this.#displays.delete(info.id);
    this.#displays.set(info.id, { ...info, address, connected, lastSeen: new Date(this.#systemNow()).toISOString() });
    if (bound === undefined || bound === null) this.#owners.set(info.id, owner);
    return true;
  }

  disconnected(id: string): void {
    const d = this.#displays.get(id);
    if (d) this.#displays.set(id, { ...d, connected: false, lastSeen: new Date(this.#systemNow()).toISOString() });
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
