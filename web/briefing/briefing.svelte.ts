import type { Snapshot, UnitDetail } from '../../server/protocol/index.js';
import type { ReadApi } from '../lib/api.js';
import { retryDelay } from '../lib/retry.svelte.js';
import { buildSlides, previousPeriodEnd, type Slide } from './slides.js';

/** The read routes a briefing needs (the read token and time limits are the client's business). */
export type BriefingApi = Pick<ReadApi, 'state' | 'unit'>;

/**
 * A briefing's frozen figures: the state at one instant, the last period's for comparison, the
 * slides built from them and every unit slide's detail. `freeze()` may be called again at any
 * time (R, a new date): the newest call wins, older answers are dropped, one retry at a time
 * (the app's retry policy).
 */
export class Briefing {
  #frozen = $state.raw<Snapshot | null>(null);
  #slides = $state.raw<Slide[]>([]);
  #details = $state.raw(new Map<string, UnitDetail>());
  #ready = $state(false);
  #failed = $state(false);
  #generation = 0;
  #abort: AbortController | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;
  readonly #api: BriefingApi;

  constructor(api: BriefingApi) {
    this.#api = api;
  }

  get frozen(): Snapshot | null {
    return this.#frozen;
  }
  get slides(): Slide[] {
    return this.#slides;
  }
  get details(): ReadonlyMap<string, UnitDetail> {
    return this.#details;
  }
  get ready(): boolean {
    return this.#ready;
  }
  get failed(): boolean {
    return this.#failed;
  }

  /** Freeze the figures now (asOf null: the live state) or at a past date. */
  async freeze(asOf: string | null, fontsReady: Promise<unknown> = Promise.resolve()): Promise<void> {
    const gen = ++this.#generation;
    this.#abort?.abort();
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    const ctl = (this.#abort = new AbortController());
    this.#ready = false;
    try {
      const current = await this.#api.state(asOf, ctl.signal);
      const before = await this.#api.state(previousPeriodEnd(current.asOf), ctl.signal).catch(() => null);
      const slides = buildSlides(current, before);
      const ids = slides.flatMap((s) => (s.kind === 'unit' ? [s.id] : []));
      // Asked "as of" the frozen instant, so they tell the same story as the summary; one that
      // fails leaves its slide saying so, not the whole briefing.
      const got = await Promise.all(ids.map((id) => this.#api.unit(id, current.asOf, ctl.signal).catch(() => null)));
      if (gen !== this.#generation) return;
      this.#failures = 0;
      this.#frozen = current;
      this.#slides = slides;
      this.#details = new Map(got.flatMap((d) => (d ? [[d.unit.id, d] as const] : [])));
      this.#failed = got.includes(null);
      await fontsReady;
      if (gen === this.#generation) this.#ready = true;
    } catch {
      if (gen !== this.#generation) return;
      this.#failed = true;
      this.#retry = setTimeout(() => void this.freeze(asOf, fontsReady), retryDelay(++this.#failures));
    }
  }

  stop(): void {
    this.#generation++;
    this.#abort?.abort();
    if (this.#retry) clearTimeout(this.#retry);
  }
}
