import { GeoError, loadBoundaries } from '../geo/load.js';
import { createApp, type App } from './app.js';
import { demoClock, realClock, type Clock } from './clock.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { AppConfig } from './config/types.js';
import { loadScenario, type Scenario } from './demo/scenario.js';
import { DEMO_CLOCK_KEY, purgeDemo, seedDemo, Simulator } from './demo/simulator.js';
import { LiveState } from './state/live.js';
import { openSqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';

export { ConfigError, GeoError };

export interface BootOptions {
  configFile: string;
  geoDir: string;
  dataDir: string;
  /** Load (and run) the demo scenario when the database is empty or already holds it. */
  demo: boolean;
  /** Overrides the scenario's demo clock speed. */
  demoSpeed?: number;
  /** Force a clock (tests); otherwise the demo clock in demo mode, the real clock else. */
  clock?: Clock;
  /** Run the demo simulator on its timer. */
  simulate: boolean;
  adminToken: string | undefined;
  webRoot: string | null;
  tickMs: number;
  /** Write requests per client per minute (default 120). */
  writeLimitPerMinute?: number;
  logger: boolean | { level: string };
  version: string;
  log?: (msg: string) => void;
}

export interface Booted {
  app: App;
  config: AppConfig;
  store: Store;
  state: LiveState;
  clock: Clock;
  simulator: Simulator | null;
  close(): Promise<void>;
}

/**
 * Wire the real dependencies from explicit options (main.ts passes the environment, tests
 * their own): config, boundaries, store, demo, live state, app. Does not listen.
 */
export async function boot(o: BootOptions): Promise<Booted> {
  const log = o.log ?? (() => {});
  const config = loadConfig(o.configFile);
  const areaIds = config.units.filter((u) => u.kind === 'area').map((u) => u.id);
  const boundaries = loadBoundaries(o.geoDir, config.boundaries.file, config.boundaries.idProperty, areaIds);
  log(`${config.province.name.vi}: ${config.units.length} units, ${config.indicators.length} indicators (${config.file})`);

  const store = openSqliteStore(o.dataDir);
  let scenario: Scenario | null = null;
  const demoLoaded = (await store.getMeta(DEMO_CLOCK_KEY)) !== null || (await store.hasSource('demo'));
  if (o.demo && config.demoFile) {
    const counts = await store.counts();
    if (demoLoaded || (counts.readings === 0 && counts.reports === 0)) {
      scenario = loadScenario(config.demoFile, config.units.map((u) => u.id));
      if ((await store.getMeta(DEMO_CLOCK_KEY)) === null) {
        const seeded = await seedDemo(store, config, scenario);
        log(`empty database: loaded the demo scenario (${seeded.readings} readings, ${seeded.reports} reports) — DEMO DATA`);
      }
    }
  } else if (demoLoaded) {
    // Demo figures must never pass for real ones: a real run removes them first.
    await purgeDemo(store);
    log(`removed the demo scenario's data from ${o.dataDir} (demo off); real data is kept`);
  }

  let clock: Clock = o.clock ?? realClock();
  if (scenario && !o.clock) {
    // Resume the demo clock where it stopped, so a restart does not replay time.
    const resumeAt = Number((await store.getMeta(DEMO_CLOCK_KEY)) ?? Date.parse(scenario.clockStart));
    const speed = o.demoSpeed ?? scenario.speed;
    clock = demoClock(resumeAt, speed);
    log(`demo clock from ${new Date(resumeAt).toISOString()} at ${speed}× real time`);
  }

  const state = new LiveState(config, clock);
  state.addReadings(await store.listReadings());
  state.addReports(await store.listReports());
  state.addVersions(await store.listTargetVersions());
  state.recompute();

  const app = await createApp({
    config,
    boundaries,
    store,
    state,
    clock,
    adminToken: o.adminToken,
    webRoot: o.webRoot,
    tickMs: o.tickMs,
    writeLimitPerMinute: o.writeLimitPerMinute ?? 120,
    logger: o.logger,
    version: o.version,
  });
  const simulator = scenario
    ? new Simulator(config, scenario, store, state, clock, (err) => app.http.log.error({ err }, 'demo simulator step failed'))
    : null;
  if (o.simulate) simulator?.start();

  return {
    app,
    config,
    store,
    state,
    clock,
    simulator,
    async close() {
      simulator?.stop();
      await app.close();
      await store.close();
    },
  };
}
