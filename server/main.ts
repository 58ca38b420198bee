/**
 * Composition root: read configuration and environment, open the store, load the demo when
 * the database is empty, build the web app when needed, and serve.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GeoError, loadBoundaries } from '../geo/load.js';
import { createApp } from './app.js';
import { demoClock, realClock, type Clock } from './clock.js';
import { ConfigError, loadConfig } from './config/load.js';
import { loadScenario, type Scenario } from './demo/scenario.js';
import { DEMO_CLOCK_KEY, seedDemo, Simulator } from './demo/simulator.js';
import { LiveState } from './state/live.js';
import { openSqliteStore } from './store/sqlite.js';
import { ensureWebBuilt } from './webbuild.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const log = (msg: string) => console.log(`[ioc] ${msg}`);

async function main(): Promise<void> {
  const configFile = resolve(env.IOC_CONFIG ?? join(root, 'config/quang-nam.json'));
  const geoDir = resolve(env.IOC_GEO_DIR ?? join(root, '../shared/geo'));
  const dataDir = resolve(env.DATA_DIR ?? join(root, 'data'));
  const port = Number(env.PORT ?? 8080);
  const host = env.HOST ?? '127.0.0.1';
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const config = loadConfig(configFile);
  const areaIds = config.units.filter((u) => u.kind === 'area').map((u) => u.id);
  const boundaries = loadBoundaries(geoDir, config.boundaries.file, config.boundaries.idProperty, areaIds);
  log(`${config.province.name.vi}: ${config.units.length} units, ${config.indicators.length} indicators (${configFile})`);

  const store = openSqliteStore(dataDir);
  const counts = await store.counts();
  let scenario: Scenario | null = null;
  const demoWanted = env.IOC_DEMO !== '0' && config.demoFile !== null;
  const demoLoaded = (await store.getMeta(DEMO_CLOCK_KEY)) !== null;
  if (demoWanted && (demoLoaded || (counts.readings === 0 && counts.reports === 0))) {
    scenario = loadScenario(config.demoFile!, config.units.map((u) => u.id));
    if (!demoLoaded) {
      const seeded = await seedDemo(store, config, scenario);
      log(`empty database: loaded the demo scenario (${seeded.readings} readings, ${seeded.reports} reports) — DEMO DATA`);
    }
  }

  let clock: Clock = realClock();
  if (scenario) {
    // Resume the demo clock where it stopped so a restart does not replay time.
    const resumeAt = Number((await store.getMeta(DEMO_CLOCK_KEY)) ?? Date.parse(scenario.clockStart));
    const speed = Number(env.IOC_DEMO_SPEED ?? scenario.speed);
    clock = demoClock(resumeAt, speed);
    log(`demo clock from ${new Date(resumeAt).toISOString()} at ${speed}× real time`);
  }

  const state = new LiveState(config, clock);
  state.addReadings(await store.listReadings());
  state.addReports(await store.listReports());
  state.recompute();

  const webRoot = join(root, 'dist/web');
  if (env.IOC_SKIP_WEB_BUILD !== '1') await ensureWebBuilt(root, webRoot, log);

  const app = await createApp({
    config,
    boundaries,
    store,
    state,
    clock,
    adminToken: env.IOC_ADMIN_TOKEN || undefined,
    webRoot,
    tickMs: Number(env.IOC_TICK_MS ?? 5000),
    logger: { level: env.LOG_LEVEL ?? 'info' },
    version,
  });
  const simulator = scenario ? new Simulator(config, scenario, store, state, clock, (err) => app.http.log.error({ err }, 'demo simulator step failed')) : null;
  simulator?.start();
  const address = await app.listen(port, host);
  log(`serving ${address}${scenario ? ' (DEMO)' : ''}; writes ${env.IOC_ADMIN_TOKEN ? 'enabled (IOC_ADMIN_TOKEN)' : 'disabled: set IOC_ADMIN_TOKEN'}`);

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    simulator?.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof GeoError) {
    console.error(`[ioc] configuration error: ${err.message}`);
  } else {
    console.error('[ioc] failed to start:', err);
  }
  process.exit(1);
});
