import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../server/http/metrics.js';
import { ROOT, startServer, type TestServer } from '../helpers/server.js';

interface Target {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource: { type: string; uid: string };
  targets: Target[];
}
interface Dashboard {
  title: string;
  uid: string;
  schemaVersion: number;
  templating: { list: { name: string; type: string }[] };
  panels: Panel[];
}

const dashboard = JSON.parse(readFileSync(join(ROOT, 'config/deploy/grafana-ioc-wall.json'), 'utf8')) as Dashboard;
// PromQL words that are not metric names.
const PROMQL = new Set([
  'sum',
  'by',
  'rate',
  'increase',
  'histogram_quantile',
  'max',
  'le',
  'route',
  'status',
  'source',
  'action',
  'outcome',
  'mode',
  'cause',
  'kind',
  'instance',
]);

describe('the Grafana dashboard (config/deploy/grafana-ioc-wall.json)', () => {
  let srv: TestServer;
  let exported: Set<string>;
  beforeAll(async () => {
    srv = await startServer();
    const text = await (await fetch(`${srv.url}/metrics`)).text();
    // Names from the TYPE lines, plus the series a histogram adds; the leader gauge exists only in a cluster.
    const types = [...text.matchAll(/^# TYPE (\S+) (\w+)$/gm)].map(([, name, type]) => [name!, type!] as const);
    exported = new Set([...types.flatMap(([n, t]) => (t === 'histogram' ? [`${n}_bucket`, `${n}_sum`, `${n}_count`] : [n])), ...METRIC_NAMES]);
  });
  afterAll(async () => srv.stop());

  it('has what Grafana needs to import it: title, uid, schemaVersion, a Prometheus datasource variable, panels', () => {
    expect(dashboard.title).toBeTruthy();
    expect(dashboard.uid).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(Number.isInteger(dashboard.schemaVersion)).toBe(true);
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource' }));
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(10);
  });

  it('gives every panel a unique id, a place on the 24-column grid, the datasource and queries', () => {
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const p of dashboard.panels) {
      expect(Number.isInteger(p.id), p.title).toBe(true);
      expect(['stat', 'timeseries', 'gauge', 'table', 'bargauge'], p.title).toContain(p.type);
      const g = p.gridPos;
      expect(
        [g.x, g.y, g.w, g.h].every((n) => Number.isInteger(n) && n >= 0),
        p.title,
      ).toBe(true);
      expect(g.w > 0 && g.h > 0 && g.x + g.w <= 24, p.title).toBe(true);
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(p.targets.length, p.title).toBeGreaterThan(0);
      expect(new Set(p.targets.map((t) => t.refId)).size, p.title).toBe(p.targets.length);
    }
  });

  it('queries only metrics the server exports', () => {
    const named = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => (t.expr.replace(/\{[^}]*\}|\[[^\]]*\]|"[^"]*"/g, '').match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []).filter((w) => !PROMQL.has(w))),
    );
    expect(named.length).toBeGreaterThan(15);
    expect(named.filter((n) => !exported.has(n))).toEqual([]);
    // Each family the issue asks for is on the dashboard.
    for (const m of METRIC_NAMES)
      expect(
        named.some((n) => n.startsWith(m)),
        m,
      ).toBe(true);
  });
});
