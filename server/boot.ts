import { GeoError } from '../geo/load.js';
import { CrosswalkError } from './geography/crosswalk.js';
import { loadGeographyData, type GeographyData } from './geography/load.js';
import { createApp, type App } from './app.js';
import type { LogOption } from './http/logging.js';
import { demoClock, realClock, type DataClock } from './time/clock.js';
import { ConfigError, loadConfig } from './config/load.js';
import type { AppConfig } from './config/types.js';
import { loadScenario } from './demo/profiles.js';
import type { Scenario } from './demo/scenario.js';
import { DEMO_CLOCK_KEY, purgeDemo, seedDemo, Simulator } from './demo/simulator.js';
import { LiveState } from './state/live.js';
import type { ClusterNode, ClusterLog } from './cluster/node.js';
import type { OutboxSender } from './notify/sender.js';
import type { Channels } from './notify/channels.js';
import { demoContacts } from './notify/demo-contacts.js';
import { openSqliteStore } from './store/sqlite.js';
import { listRecordedExceptReadings, readingPages, type Store } from './store/store.js';

export { ConfigError, CrosswalkError, GeoError };

export interface BootOptions {
  configFile: string;
  geoDir: string;
  dataDir: string;
  /** PostgreSQL instead of SQLite, as a node of a cluster (server/cluster/); the demo is not run. */
  databaseUrl?: string;
  /** With databaseUrl: share socket.io broadcasts between nodes through Redis Streams. */
  redisUrl?: string;
  /** Load (and run) the demo scenario when the database is empty or already holds it. */
  demo: boolean;
  /** Overrides the scenario's demo clock speed. */
  demoSpeed?: number;
  /** Force the data clock (tests); otherwise the demo clock in demo mode, the real clock else. */
  clock?: DataClock;
  /** Run the demo simulator on its timer. */
  simulate: boolean;
  adminToken: string | undefined;
  webRoot: string | null;
  tickMs: number;
  /** Write requests per client per minute (default 120). */
  writeLimitPerMinute?: number;
  /** Open sockets allowed from one address (default 64). */
  socketsPerAddress?: number;
  /** Reverse proxies trusted for X-Forwarded-For (addresses or CIDRs, comma-separated). */
  trustProxy?: string;
  logger: LogOption;
  version: string;
  log?: (msg: string) => void;
  /** Notification channels (server/notify/); none: messages are stored and shown, not sent. */
  channels?: Channels;
  /** How often the leader runs the notification schedule and sends (ms, default 60 s; 0: only when asked). */
  notifyMs?: number;
}

export interface Booted {
  app: App;
  config: AppConfig;
  store: Store;
  state: LiveState;
  /** The data clock. */
  clock: DataClock;
  simulator: Simulator | null;
  /** Set when running on PostgreSQL as a cluster node. */
  cluster: ClusterNode | null;
  /** The outbox's sender (only the leader's sends). */
  sender: OutboxSender;
  close(): Promise<void>;
}

/**
 * Wire the real dependencies from explicit options (main.ts passes the environment, tests
 * their own): config, boundaries, store, demo, live state, app. Does not listen.
 */
export async function boot(o: BootOptions): Promise<Booted> {
  const log = o.log ?? (() => {});
  const config = loadConfig(o.configFile);
  // Every version's boundaries and every crosswalk, checked now: a bad file stops the server here.
  const geography = loadGeographyData(o.geoDir, config);
  const versions = config.geography.versions.map((v) => `${v.id}: ${v.units.length}`).join(', ');
  log(
    `${config.province.name.vi}: ${config.units.length} units today (${versions} area units by version), ${config.indicators.length} indicators (${config.file})`,
  );

  if (o.databaseUrl) return bootCluster(o, o.databaseUrl, config, geography, log);

  const store = openSqliteStore(o.dataDir);
  let scenario: Scenario | null = null;
  const demoLoaded = (await store.getMeta(DEMO_CLOCK_KEY)) !== null || (await store.hasSource('demo'));
  if (o.demo && config.demoFile) {
    const counts = await store.counts();
    if (demoLoaded || (counts.readings === 0 && counts.reports === 0)) {
      scenario = loadScenario(config.demoFile, config, { geoDir: o.geoDir, now: (o.clock ?? realClock()).now() });
      // A scenario running from "now" rebuilds its history up to now at every start: it never resumes in the past.
      if ((await store.getMeta(DEMO_CLOCK_KEY)) === null || scenario.fromNow) {
        const seeded = await seedDemo(store, config, scenario);
        log(`empty database: loaded the demo scenario (${seeded.readings} readings, ${seeded.reports} reports) — DEMO DATA`);
      }
    }
  } else if (demoLoaded) {
    // Demo figures must never pass for real ones: a real run removes them first.
    await purgeDemo(store);
    log(`removed the demo scenario's data from ${o.dataDir} (demo off); real data is kept`);
  }

  let dataClock: DataClock = o.clock ?? realClock();
  if (scenario && !o.clock) {
    // Resume the demo clock where it stopped, so a restart does not replay time.
    const resumeAt = scenario.fromNow ? Date.parse(scenario.clockStart) : Number((await store.getMeta(DEMO_CLOCK_KEY)) ?? Date.parse(scenario.clockStart));
    const speed = o.demoSpeed ?? scenario.speed;
    dataClock = demoClock(resumeAt, speed);
    log(`demo clock from ${new Date(resumeAt).toISOString()} at ${speed}× real time`);
  }

  const state = new LiveState(config, dataClock);
  await state.loadStreaming(await listRecordedExceptReadings(store), readingPages(store));
  state.recompute();
  // The demo's example contacts, so that reminders flow from the first run.
  if (scenario && (await store.listContacts()).length === 0) await store.saveContacts(demoContacts(state.snapshot().units, Date.now()), { replace: false });

  const app = await createApp({
    config,
    geography,
    store,
    state,
    dataClock,
    adminToken: o.adminToken,
    webRoot: o.webRoot,
    tickMs: o.tickMs,
    writeLimitPerMinute: o.writeLimitPerMinute ?? 120,
    ...(o.socketsPerAddress !== undefined && { socketsPerAddress: o.socketsPerAddress }),
    ...(o.trustProxy !== undefined && { trustProxy: o.trustProxy }),
    logger: o.logger,
    version: o.version,
    notify: { channels: o.channels ?? {}, ...(o.notifyMs !== undefined && { intervalMs: o.notifyMs }) },
  });
  const simulator = scenario
    ? new Simulator(config, scenario, store, app.publish, dataClock, (err) => app.http.log.error({ err }, 'demo simulator step failed'))
    : null;
  if (o.simulate) simulator?.start();

  return {
    app,
    config,
    store,
    state,
    clock: dataClock,
    simulator,
    cluster: null,
    sender: app.notifier.sender,
    async close() {
      simulator?.stop();
      await app.close();
      await store.close();
    },
  };
}

/**
 * A cluster node: PostgreSQL store, the shared live state (server/cluster/node.ts), Redis for
 * socket.io broadcasts when configured. The demo is a single-node showcase: not run here, and
 * demo data found in the database is removed as on a real single node.
 */
async function bootCluster(o: BootOptions, url: string, config: AppConfig, geography: GeographyData, log: (msg: string) => void): Promise<Booted> {
  // Loaded only here: PostgreSQL's and Redis's clients weigh on a single node's memory for nothing.
  const [{ openClusterStore }, { ClusterNode }, { redisAdapter }] = await Promise.all([
    import('./cluster/changes.js'),
    import('./cluster/node.js'),
    import('./cluster/redis.js'),
  ]);
  const store = await openClusterStore(url);
  let target: ClusterLog = { info: log, warn: (msg, err) => log(`${msg}${err ? `: ${String(err)}` : ''}`) };
  const clusterLog: ClusterLog = { info: (m) => target.info(m), warn: (m, e) => target.warn(m, e) };
  try {
    if ((await store.getMeta(DEMO_CLOCK_KEY)) !== null || (await store.hasSource('demo'))) {
      await purgeDemo(store);
      log("removed the demo scenario's data from the database (no demo in cluster mode); real data is kept");
    }
    if (o.demo) log('cluster mode (DATABASE_URL): the demo scenario is not run; the real clock is used');
    const dataClock = o.clock ?? realClock();
    const cluster = await ClusterNode.start({ url, pool: store.pool, config, dataClock, tickMs: o.tickMs, log: clusterLog });
    const redis = o.redisUrl ? redisAdapter(o.redisUrl, clusterLog) : null;
    if (redis && !(await redis.connected(3000))) log('redis: not reachable yet; this node delivers to its own walls until it is');
    const app = await createApp({
      config,
      geography,
      store,
      state: cluster.state,
      dataClock,
      adminToken: o.adminToken,
      webRoot: o.webRoot,
      // Time passing is assessed by the leader only (ClusterNode's own ticker).
      tickMs: 0,
      writeLimitPerMinute: o.writeLimitPerMinute ?? 120,
      ...(o.socketsPerAddress !== undefined && { socketsPerAddress: o.socketsPerAddress }),
      ...(o.socketsPerAddress !== undefined && { socketsPerAddress: o.socketsPerAddress }),
      ...(o.trustProxy !== undefined && { trustProxy: o.trustProxy }),
      logger: o.logger,
      version: o.version,
      publish: cluster.publish,
      notify: { channels: o.channels ?? {}, isLeader: () => cluster.leader, ...(o.notifyMs !== undefined && { intervalMs: o.notifyMs }) },
      ...(redis && { adapter: redis.adapter }),
      health: () => ({ cluster: { leader: cluster.leader, redis: redis ? redis.ready() : null } }),
    });
    target = { info: (m) => app.http.log.info(m), warn: (m, err) => app.http.log.warn({ err }, m) };
    cluster.onResync(() => app.resync());
    log(`cluster node on PostgreSQL${redis ? ' + Redis' : ''}: epoch ${cluster.epoch}, seq ${cluster.state.seq}${cluster.leader ? ', leading' : ''}`);
    return {
      app,
      config,
      store,
      state: cluster.state,
      clock: dataClock,
      simulator: null,
      cluster,
      sender: app.notifier.sender,
      async close() {
        await cluster.close();
        await app.close();
        await redis?.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
}
