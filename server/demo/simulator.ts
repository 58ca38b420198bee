import type { DataClock } from '../time/clock.js';
import type { AppConfig } from '../config/types.js';
import { DAY_MS } from '../time/local.js';
import type { Publish } from '../state/publish.js';
import { listRecorded, type Store } from '../store/store.js';
import { atNow, noise, type Scenario } from './scenario.js';
import { demoTaskReports } from './tasks.js';
import { demoHistory, demoReading, demoReports, demoSeries, live, type DemoSeries } from './timeline.js';

export const DEMO_CLOCK_KEY = 'demo.clock';

/**
 * Load the scenario's history (monthly readings, reports) in one transaction, replacing any
 * earlier demo data, with the demo clock at its start: a crash leaves all of it or none.
 */
export async function seedDemo(store: Store, config: AppConfig, scenario: Scenario): Promise<{ readings: number; reports: number }> {
  const start = Date.parse(scenario.clockStart);
  const readings = demoHistory(config, scenario);
  const reports = demoReports(config, scenario, Number.NEGATIVE_INFINITY, start);
  const taskReports = demoTaskReports(scenario.tasks);
  await store.commit({ replaceSource: 'demo', readings, reports, taskReports, meta: { [DEMO_CLOCK_KEY]: String(start) } });
  return { readings: readings.length, reports: reports.length };
}

/** Remove the demo's data and marker in one transaction (a real deployment on a demo database). */
export async function purgeDemo(store: Store): Promise<void> {
  await store.commit({ replaceSource: 'demo', meta: { [DEMO_CLOCK_KEY]: null } });
}

/**
 * The demo simulator: on every step it files the readings and reports whose demo time has
 * come, so the wall visibly lives. Clearly labelled: source "demo", submitter "demo-simulator".
 */
export class Simulator {
  readonly #next = new Map<string, number>();
  /** The scenario's series, computed once per (re)start: building them reads every deadline. */
  #series: DemoSeries[] = [];
  #last: number;
  #timer: NodeJS.Timeout | null = null;
  #busy = false;

  constructor(
    private readonly config: AppConfig,
    private scenario: Scenario,
    private readonly store: Store,
    /** The one write path to the live state (state/publish.ts), as for every other write. */
    private readonly publish: Publish,
    private readonly dataClock: DataClock,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.#last = dataClock.now();
    this.#schedule(this.#last);
  }

  /** File what is due up to the clock's now; returns how many readings and reports. */
  async step(): Promise<{ readings: number; reports: number }> {
    const start = Date.parse(this.scenario.clockStart);
    if (this.dataClock.now() >= start + this.scenario.loopDays * DAY_MS) await this.restart();
    const now = this.dataClock.now();
    const every = this.scenario.simulator.readingEveryDays * DAY_MS;
    const readings = [];
    for (const s of this.#series) {
      const key = s.key;
      let t = this.#next.get(key)!;
      while (t <= now) {
        if (live(s, t)) readings.push(demoReading(this.config, this.scenario, s, Math.round(t)));
        t += every * (0.75 + ((noise(`${key}|${t}`) + 1) / 2) * 0.5);
      }
      this.#next.set(key, t);
    }
    const reports = demoReports(this.config, this.scenario, this.#last, now);
    this.#last = now;
    await this.store.commit({ readings, reports, meta: { [DEMO_CLOCK_KEY]: String(now) } });
    if (readings.length || reports.length) await this.publish({ readings, reports });
    return { readings: readings.length, reports: reports.length };
  }

  /**
   * Start the scenario over: demo data replaced by its history, clock back to the start. A
   * scenario that runs from "now" starts over at the clock's now instead (it never replays the past).
   */
  async restart(): Promise<void> {
    if (this.scenario.fromNow) this.scenario = atNow(this.scenario, this.dataClock.now());
    const start = Date.parse(this.scenario.clockStart);
    await seedDemo(this.store, this.config, this.scenario);
    this.dataClock.set?.(start);
    this.#last = start;
    this.#schedule(start);
    await this.publish({ replaced: await listRecorded(this.store) });
  }

  #schedule(from: number): void {
    const every = this.scenario.simulator.readingEveryDays * DAY_MS;
    this.#series = demoSeries(this.config, this.scenario);
    for (const s of this.#series) {
      // Spread the series over the first interval so readings trickle in rather than arrive in a wave.
      const offset = ((noise(`${this.scenario.seed}|start|${s.unit}|${s.indicator}`) + 1) / 2) * every;
      this.#next.set(s.key, from + offset);
    }
  }

  start(): void {
    this.#timer = setInterval(() => {
      if (this.#busy) return;
      this.#busy = true;
      this.step()
        .catch(this.onError)
        .finally(() => (this.#busy = false));
    }, this.scenario.simulator.everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
