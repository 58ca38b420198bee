/** GET /metrics: the server's own metrics in Prometheus text format (prom-client), for Prometheus and Grafana. */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { guard, type GuardDeps } from '../auth/guard.js';
import type { AppConfig } from '../config/types.js';
import { ROUTES } from '../protocol/routes.js';
import type { LiveState } from '../state/live.js';
import type { AuditEntry } from '../store/rows.js';
import type { Store, WriteBatch } from '../store/store.js';
import type { DisplayRegistry } from '../stream/displays.js';
import { schemaOf } from './openapi.js';

export interface MetricsDeps extends GuardDeps {
  config: AppConfig;
  state: LiveState;
  /** Cluster nodes say whether they lead (`{ cluster: { leader } }`). */
  health?: () => object;
}

/** Every metric name the server exports (the Grafana dashboard's test checks its queries against it). */
export const METRIC_NAMES = [
  'ioc_http_requests_total',
  'ioc_http_request_duration_seconds',
  'ioc_readings_accepted_total',
  'ioc_reports_accepted_total',
  'ioc_writes_refused_total',
  'ioc_imports_total',
  'ioc_walls_connected',
  'ioc_deltas_total',
  'ioc_delta_bytes',
  'ioc_recompute_seconds',
  'ioc_store_write_seconds',
  'ioc_seq',
  'ioc_cluster_leader',
] as const;

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const leaderOf = (health: object | undefined): boolean | null => {
  const c = (health as { cluster?: { leader?: unknown } } | undefined)?.cluster;
  return typeof c?.leader === 'boolean' ? c.leader : null;
};

/**
 * Registers GET /metrics and the hooks that feed it (each app has its own registry: no global
 * state shared between servers in one process). Returns the store to use from now on: the same
 * store, its writes timed and counted.
 */
export function registerMetrics(http: FastifyInstance, deps: MetricsDeps & { store: Store }, displays: DisplayRegistry): Store {
  const register = new Registry();
  collectDefaultMetrics({ register });
  const requests = new Counter({
    name: 'ioc_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [register],
  });
  const latency = new Histogram({
    name: 'ioc_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: SECONDS,
    registers: [register],
  });
  const readings = new Counter({
    name: 'ioc_readings_accepted_total',
    help: 'Readings stored, by source (api, import, demo)',
    labelNames: ['source'],
    registers: [register],
  });
  const reports = new Counter({ name: 'ioc_reports_accepted_total', help: 'Report filings stored, by source', labelNames: ['source'], registers: [register] });
  const refused = new Counter({
    name: 'ioc_writes_refused_total',
    help: 'Writes refused (audit trail), by action (readings.post, import.post, ...) and status',
    labelNames: ['action', 'status'],
    registers: [register],
  });
  const imports = new Counter({
    name: 'ioc_imports_total',
    help: 'Spreadsheet imports, by outcome (accepted, refused)',
    labelNames: ['outcome'],
    registers: [register],
  });
  const deltas = new Counter({ name: 'ioc_deltas_total', help: 'State deltas sent to the walls', registers: [register] });
  const deltaBytes = new Histogram({
    name: 'ioc_delta_bytes',
    help: 'Size of each delta sent, as JSON',
    buckets: [256, 1024, 4096, 16384, 65536, 262144, 1048576],
    registers: [register],
  });
  const recompute = new Histogram({
    name: 'ioc_recompute_seconds',
    help: 'Time to recompute the live state, by cause (time, data)',
    labelNames: ['cause'],
    buckets: SECONDS,
    registers: [register],
  });
  const storeWrite = new Histogram({
    name: 'ioc_store_write_seconds',
    help: 'Time of one store transaction (commit or audit append)',
    labelNames: ['kind'],
    buckets: SECONDS,
    registers: [register],
  });
  new Gauge({
    name: 'ioc_seq',
    help: 'Sequence number of the live state',
    registers: [register],
    collect() {
      this.set(deps.state.seq);
    },
  });
  new Gauge({
    name: 'ioc_walls_connected',
    help: 'Walls connected now, by mode',
    labelNames: ['mode'],
    registers: [register],
    collect() {
      this.reset();
      for (const d of displays.list()) if (d.connected) this.inc({ mode: d.mode });
    },
  });
  if (leaderOf(deps.health?.()) !== null) {
    new Gauge({
      name: 'ioc_cluster_leader',
      help: '1 when this cluster node leads (computes the deltas), else 0',
      registers: [register],
      collect() {
        this.set(leaderOf(deps.health?.()) ? 1 : 0);
      },
    });
  }

  http.addHook('onResponse', async (req, reply) => {
    // Unmatched URLs share one label: a scan of random paths cannot explode the series.
    const labels = { method: req.method, route: req.routeOptions.url ?? '(unmatched)', status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
  const unsubscribe = deps.state.onDelta((d) => {
    deltas.inc();
    deltaBytes.observe(Buffer.byteLength(JSON.stringify(d)));
  });
  http.addHook('onClose', async () => unsubscribe());
  // Every caller (writes, the ticker, a cluster leader) recomputes through this one method.
  const compute = deps.state.recompute.bind(deps.state);
  deps.state.recompute = (cause = 'time') => {
    const end = recompute.startTimer({ cause });
    const delta = compute(cause);
    // Logged on the root logger: inside a request, the line carries that request's id (logging.ts).
    http.log.debug({ cause, seq: delta.seq, units: delta.units.length, seconds: end() }, 'state recomputed');
    return delta;
  };

  const audited = (entries: readonly AuditEntry[] = []) => {
    for (const e of entries) {
      if (e.outcome === 'refused') refused.inc({ action: e.action, status: String(e.status) });
      if (e.action === 'import.post') imports.inc({ outcome: e.outcome });
    }
  };
  const commit = async (b: WriteBatch) => {
    await timed('commit', () => deps.store.commit(b));
    for (const r of b.readings ?? []) readings.inc({ source: r.source });
    for (const r of b.reports ?? []) reports.inc({ source: r.source });
    audited(b.audit);
  };
  const appendAudit = async (e: AuditEntry) => {
    await timed('audit', () => deps.store.appendAudit(e));
    audited([e]);
  };
  const timed = async (kind: string, write: () => Promise<void>) => {
    const end = storeWrite.startTimer({ kind });
    try {
      await write();
    } finally {
      end();
    }
  };
  const store = new Proxy(deps.store, {
    get: (target, key) => {
      if (key === 'commit') return commit;
      if (key === 'appendAudit') return appendAudit;
      const v: unknown = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });

  const read = deps.config.access.read === 'token' ? { onRequest: guard({ ...deps, store }, 'read', 'metrics.read') } : {};
  http.get('/metrics', { ...read, schema: schemaOf(ROUTES.metrics) }, async (_req, reply) => reply.type(register.contentType).send(await register.metrics()));
  return store;
}
