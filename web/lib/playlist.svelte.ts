import type { SceneSpec } from '../../server/protocol/index.js';

/**
 * Steps through a playlist of scenes on a timer; an operator can pause, step and resume.
 * The timer is injected so tests can drive it.
 */
export class Playlist {
  #playlists: Record<string, SceneSpec[]>;
  #name = $state.raw('');
  #index = $state.raw(0);
  #paused = $state.raw(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #scale: number;
  readonly #onChange: () => void;

  constructor(playlists: Record<string, SceneSpec[]>, name: string, o: { scale?: number; onChange?: () => void } = {}) {
    this.#playlists = playlists;
    this.#name = playlists[name] ? name : Object.keys(playlists)[0]!;
    this.#scale = o.scale ?? 1;
    this.#onChange = o.onChange ?? (() => {});
  }

  get name(): string {
    return this.#name;
  }
  get index(): number {
    return this.#index;
  }
  get paused(): boolean {
    return this.#paused;
  }
  get scenes(): SceneSpec[] {
    return this.#playlists[this.#name]!;
  }
  get scene(): SceneSpec {
    return this.scenes[this.#index % this.scenes.length]!;
  }

  start(): void {
    this.#arm();
  }
  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  go(index: number): void {
    const n = this.scenes.length;
    this.#index = ((index % n) + n) % n;
    this.#arm();
    this.#onChange();
  }
  next(): void {
    this.go(this.#index + 1);
  }
  prev(): void {
    this.go(this.#index - 1);
  }
  toggle(): void {
    this.#paused = !this.#paused;
    this.#arm();
    this.#onChange();
  }
  use(name: string): void {
    if (!this.#playlists[name]) return;
    this.#name = name;
    this.go(0);
  }

  #arm(): void {
    this.stop();
    if (this.#paused) return;
    this.#timer = setTimeout(() => this.next(), this.scene.seconds * 1000 * this.#scale);
  }
}
