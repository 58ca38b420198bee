import type { Boundaries, GeographyMeta, Snapshot } from '../../server/protocol/index.js';
import { FirstLoad } from './retry.svelte.js';

/** Fetches one version's boundaries (`null`: the version valid now, for a server that names none). */
export type GeoFetch = (version: string | null, signal: AbortSignal) => Promise<Boundaries>;

/**
 * The boundaries of the geography version a screen shows: they follow the state's
 * `geography.id` (a live delta, or a look-back across 1 Jul 2025) and are swapped without a
 * reload. Versions already fetched are kept (stepping back and forth fetches nothing); until
 * the new version arrives, the screen keeps the map it has. A state without `geography`
 * (an older server) gets `GET /api/geo` as before.
 */
export class GeographyBoundaries {
  #boundaries = $state.raw<Boundaries | null>(null);
  #meta = $state.raw<GeographyMeta | null>(null);
  #failures = $state.raw(0);
  #wanted: string | null | undefined = undefined;
  #load: FirstLoad | null = null;
  readonly #cache = new Map<string | null, Boundaries>();
  readonly #fetch: GeoFetch;

  constructor(fetchFn: GeoFetch) {
    this.#fetch = fetchFn;
  }

  /** The boundaries on screen (null until the first arrive). */
  get boundaries(): Boundaries | null {
    return this.#boundaries;
  }
  /** The version those boundaries belong to (null when the server named none). */
  get meta(): GeographyMeta | null {
    return this.#meta;
  }
  /** Failed attempts at the version wanted now (retried with the app's policy). */
  get failures(): number {
    return this.#failures;
  }

  /** Show the geography of this state (call with every new state; the same version is a no-op). */
  follow(snapshot: Pick<Snapshot, 'geography'> | null): void {
    if (!snapshot) return;
    const meta = (snapshot.geography as GeographyMeta | undefined) ?? null;
    const version = meta?.id ?? null;
    if (version === this.#wanted) {
      if (meta && this.#boundaries === this.#cache.get(version)) this.#meta = meta;
      return;
    }
    this.#wanted = version;
    this.#load?.stop();
    this.#failures = 0;
    const cached = this.#cache.get(version);
    if (cached) return this.#show(cached, meta);
    this.#load = new FirstLoad(async (signal) => {
      try {
        const b = await this.#fetch(version, signal);
        this.#cache.set(version, b);
        if (this.#wanted === version) this.#show(b, meta);
      } catch (err) {
        if (!signal.aborted) this.#failures++;
        throw err;
      }
    });
    this.#load.start();
  }

  stop(): void {
    this.#load?.stop();
  }

  #show(b: Boundaries, meta: GeographyMeta | null): void {
    this.#boundaries = b;
    this.#meta = meta;
  }
}
