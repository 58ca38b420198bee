import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { DataClock } from './time/clock.js';
import type { AppConfig } from './config/types.js';
import { guard } from './auth/guard.js';
import { registerMetrics } from './http/metrics.js';
import { registerOpenApi, schemaOf } from './http/openapi.js';
import { ROUTES } from './protocol/routes.js';
import { loggingOptions, registerRequestIds, REQUEST_ID_LABEL, type LogOption } from './http/logging.js';
import { authenticate } from './auth/principal.js';
import { registerAccessRoutes } from './auth/access.js';
import { registerSignin } from './auth/signin.js';
import { registerUnitScope } from './auth/unit-scope.js';
import { securityHeaders } from './http/headers.js';
import { registerLimits } from './http/limits.js';
import { drainRefusedBodies } from './http/overflow.js';
import { cutSlowClients } from './http/timeouts.js';
import { registerImport } from './ingest/import.js';
import { registerReports } from './ingest/reports.js';
import { registerTargets } from './ingest/targets.js';
import { registerReadings } from './ingest/readings.js';
import { registerTasks } from './tasks/routes.js';
import { registerHistory } from './history/state.js';
import type { GeographyData } from './geography/load.js';
import { registerGeography } from './geography/routes.js';
import { registerExport } from './export/briefing.js';
import type { ApiError, ErrorCode } from './protocol/errors.js';
import { toLocalIso } from './time/local.js';
import type { LiveState } from './state/live.js';
import { localPublish, type Publish } from './state/publish.js';
import { StoreUnavailableError, type Store } from './store/store.js';
import { registerDisplayRoutes } from './stream/display-routes.js';
import { startNotifier, type NotifyOptions, type Notifier } from './notify/notifier.js';
import { registerNotifications } from './notify/routes.js';
import { DisplayRegistry } from './stream/displays.js';
import { attachStream, startTicker, type IoServer, type StreamOptions } from './stream/socket.js';

export interface AppDeps {
  config: AppConfig;
  /** Every geography version's boundaries and the crosswalks (server/geography/load.ts). */
  geography: GeographyData;
  store: Store;
  state: LiveState;
  /** The data clock: what "now" means for the engine (the demo clock in demo mode). */
  dataClock: DataClock;
  /** The system clock (audit times, token expiry, uptime); default Date.now. */
  systemNow?: () => number;
  adminToken: string | undefined;
  /** Folder of the built web app; null serves the API only. */
  webRoot: string | null;
  /** Write requests allowed per client per minute. */
  writeLimitPerMinute: number;
  /** Open sockets allowed from one address (default: the stream's own limit). */
  socketsPerAddress?: number;
  /** Recompute period in ms (0: only on writes). */
  tickMs: number;
  logger: LogOption;
  version: string;
  /** How a committed write reaches the live state (default: recompute here; a cluster: server/cluster/). */
  publish?: Publish;
  /** Several nodes: the socket.io adapter shared between them. */
  adapter?: StreamOptions['adapter'];
  /** Reverse proxies trusted for X-Forwarded-For (rate limits and the audit trail then see the real client). */
  trustProxy?: string;
  /** Extra fields for GET /api/health (a cluster node says whether it leads). */
  health?: () => object;
  /** Reminders and alerts (server/notify/): channels, leadership, timer. Default: no channel, the schedule every minute. */
  notify?: NotifyOptions;
}

export interface App {
  http: FastifyInstance;
  io: IoServer;
  /** How a committed write reaches the live state: every writer (routes, the demo simulator) goes through it. */
  publish: Publish;
  /** The outbox's sender and the notification schedule. */
  notifier: Notifier;
  /** Send every wall on this node the whole state again (the state jumped: a cluster node resumed from a stored snapshot). */
  resync(): void;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const apiError = (code: ErrorCode, message: string): ApiError => ({ error: { code, message } });

/** Composition of the HTTP API, static web app and socket.io stream from explicit dependencies. */
export async function createApp(deps: AppDeps): Promise<App> {
  const systemNow = deps.systemNow ?? Date.now;
  const started = systemNow();
  const http = Fastify({
    ...loggingOptions(deps.logger),
    bodyLimit: 2 * 1024 * 1024,
    // A wall polls and streams all day: per-request lines would drown the log.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: REQUEST_ID_LABEL }),
    return503OnClosing: true,
    ...(deps.trustProxy !== undefined && { trustProxy: deps.trustProxy }),
  });

  http.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    if (err instanceof StoreUnavailableError) {
      req.log.error({ err }, 'store unavailable');
      return reply.code(503).send(apiError('store_unavailable', 'The database cannot be reached; nothing was stored. Try again.'));
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.code(413).send(apiError('payload_too_large', 'The body is too large.'));
    if (status === 429) return reply.code(429).send(apiError('rate_limited', err.message));
    if (status === 415) return reply.code(415).send(apiError('unsupported_media_type', 'Send the body as application/json.'));
    if (status === 400 && err.code?.startsWith('FST_ERR_CTP')) {
      return reply.code(400).send(apiError('bad_request', 'The body is not valid JSON (or holds a forbidden key such as "__proto__").'));
    }
    if (status >= 400 && status < 500) return reply.code(status).send(apiError('bad_request', 'The request is not valid.'));
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(apiError('internal', 'Something went wrong on the server; it has been logged.'));
  });

  registerRequestIds(http);
  await registerOpenApi(http, deps.version);
  const displays = new DisplayRegistry();
  deps = { ...deps, store: registerMetrics(http, { ...deps, systemNow }, displays) };
  // JSON only: a text body is refused with 415 rather than misread.
  http.removeContentTypeParser('text/plain');

  http.get('/api/health', { schema: schemaOf(ROUTES.health) }, async () => ({
    status: 'ok',
    version: deps.version,
    seq: deps.state.seq,
    demo: deps.dataClock.demo,
    asOf: toLocalIso(deps.dataClock.now(), deps.config.timezone),
    uptimeSeconds: Math.round((systemNow() - started) / 1000),
    units: deps.config.units.length,
    ...deps.health?.(),
  }));
  http.decorateRequest('principal', null);
  const access = { store: deps.store, adminToken: deps.adminToken, systemNow };
  await securityHeaders(http);
  drainRefusedBodies(http);
  cutSlowClients(http);
  await registerLimits(http, { store: deps.store, systemNow, writeLimitPerMinute: deps.writeLimitPerMinute });
  // Reading is open (the default) or needs any valid token, as the province config says.
  const read = deps.config.access.read === 'token' ? { onRequest: guard(access, 'read', 'state.read') } : {};
  registerUnitScope(http, access);
  const states = registerHistory(http, { ...deps, systemNow, crosswalks: deps.geography.crosswalks }, read);
  registerExport(http, { servesWeb: deps.webRoot !== null && existsSync(deps.webRoot), dataClock: deps.dataClock, timezone: deps.config.timezone }, read);
  http.get('/api/display', { ...read, schema: schemaOf(ROUTES.display) }, async () => deps.config.display);
  registerGeography(http, { config: deps.config, data: deps.geography, dataClock: deps.dataClock, states }, read);
  const publish = deps.publish ?? localPublish(deps.state, (err) => http.log.error({ err }, 'recompute after a write failed'));
  const writes = { ...deps, ...access, publish };
  registerReadings(http, writes);
  registerReports(http, writes);
  registerTargets(http, writes, read);
  registerImport(http, writes, read);
  registerTasks(http, writes, read);
  registerAccessRoutes(http, { ...access, config: deps.config });
  registerSignin(http, { ...access, config: deps.config });
  const stateAt = (t: number) => states(t);
  const notifier = startNotifier(deps.notify ?? { channels: {} }, {
    ...deps,
    stateAt,
    onError: (err) => http.log.error({ err }, 'notifications: a run failed'),
  });
  registerNotifications(http, { ...access, ...deps, stateAt, sender: notifier.sender, channels: notifier.channels });
  const stream = attachStream(http.server, deps.state, {
    displays,
    heartbeatSeconds: deps.config.display.heartbeatSeconds,
    version: deps.version,
    systemNow,
    ...(deps.socketsPerAddress !== undefined && { limits: { maxPerAddress: deps.socketsPerAddress } }),
    warn: (msg, data) => http.log.warn(data, msg),
    ...(deps.adapter && { adapter: deps.adapter }),
    // The socket honours the same read rule as GET /api/state.
    mayRead:
      deps.config.access.read === 'token'
        ? async (token) => (await authenticate(token ? `Bearer ${token}` : undefined, deps.store, deps.adminToken, systemNow())).ok
        : null,
    authenticate: async (token) => {
      const a = await authenticate(`Bearer ${token}`, deps.store, deps.adminToken, Date.now());
      return a.ok ? a.principal : null;
    },
  });
  registerDisplayRoutes(http, {
    ...access,
    displays,
    playlists: Object.keys(deps.config.display.playlists),
    sceneCount: (name) => deps.config.display.playlists[name]?.length ?? 0,
    command: stream.command,
  });

  if (deps.webRoot && existsSync(deps.webRoot)) {
    await http.register(fastifyStatic, {
      root: deps.webRoot,
      // Otherwise send's own max-age=0 replaces the cache-control set below.
      cacheControl: false,
      // Hashed assets never change; index.html must always be fresh.
      setHeaders: (res, path) => {
        if (path.endsWith('.mjs')) res.setHeader('content-type', 'text/javascript; charset=utf-8');
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  http.setNotFoundHandler((req, reply) => reply.code(404).send(apiError('not_found', `Nothing at ${req.method} ${req.url.split('?')[0]}.`)));

  await http.ready();
  const stopTicker = startTicker(deps.state, deps.tickMs);

  return {
    http,
    io: stream.io,
    publish,
    notifier,
    resync: () => stream.io.local.emit('state:snapshot', deps.state.snapshot()),
    async listen(port, host) {
      return http.listen({ port, host });
    },
    async close() {
      stopTicker();
      notifier.stop();
      await stream.close();
      await http.close().catch(() => {});
    },
  };
}
