import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTokenConfig, connect, post, startServer, TOKEN, type TestServer } from '../helpers/server.js';

const reading = (value: number) => ({ unit: 'tam-ky', indicator: 'land-database', value, at: '2024-08-31T07:00:00+07:00' });
const scrape = async (url: string, token: string | null = TOKEN) => {
  const res = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};
/** The value of one series (name and labels exactly as exported), or null when absent. */
const value = (text: string, series: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
};

describe('GET /metrics (open reading)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer();
  });
  afterAll(async () => srv.stop());

  it('counts requests, readings accepted and refused, deltas, recomputes, store writes, walls and seq', async () => {
    const wall = await connect(srv.url, {
      token: TOKEN,
      display: { id: 'lobby-1', width: 1920, height: 1080, version: '0.1.0', mode: 'wall', playlist: 'control-room', scene: 0, paused: false },
    });
    expect(
      (await post(srv.url, '/api/readings', { readings: [reading(61), { ...reading(62), unit: 'tam-ky', at: '2024-08-31T07:30:00+07:00' }] })).status,
    ).toBe(200);
    expect((await post(srv.url, '/api/readings', { readings: [{ ...reading(1), unit: 'nowhere' }] })).status).toBe(400);
    const m = await scrape(srv.url, null);
    expect(m.status).toBe(200);
    expect(m.type).toContain('text/plain');
    expect(value(m.text, 'ioc_readings_accepted_total{source="api"}')).toBe(2);
    expect(value(m.text, 'ioc_writes_refused_total{action="readings.post",status="400"}')).toBe(1);
    expect(value(m.text, 'ioc_http_requests_total{method="POST",route="/api/readings",status="200"}')).toBe(1);
    expect(value(m.text, 'ioc_http_request_duration_seconds_count{method="POST",route="/api/readings",status="400"}')).toBe(1);
    expect(value(m.text, 'ioc_seq')).toBe(srv.state.seq);
    expect(value(m.text, 'ioc_walls_connected{mode="wall"}')).toBe(1);
    expect(value(m.text, 'ioc_deltas_total')).toBeGreaterThanOrEqual(1);
    expect(value(m.text, 'ioc_delta_bytes_count')).toBe(value(m.text, 'ioc_deltas_total'));
    expect(value(m.text, 'ioc_recompute_seconds_count{cause="data"}')).toBeGreaterThanOrEqual(1);
    expect(value(m.text, 'ioc_store_write_seconds_count{kind="commit"}')).toBeGreaterThanOrEqual(1);
    expect(m.text).toContain('process_cpu_user_seconds_total');
    expect(m.text).toContain('nodejs_eventloop_lag_seconds');
    // A single node has no leader to report.
    expect(m.text).not.toContain('ioc_cluster_leader');
    wall.socket.disconnect();
  });

  it('labels unknown paths as one series', async () => {
    await fetch(`${srv.url}/no/such/${Math.random()}`);
    const m = await scrape(srv.url);
    expect(value(m.text, 'ioc_http_requests_total{method="GET",route="(unmatched)",status="404"}')).toBeGreaterThanOrEqual(1);
    expect(m.text).not.toContain('/no/such/');
  });
});

describe('GET /metrics when reading needs a token', () => {
  let srv: TestServer;
  let cfg: { file: string; dir: string };
  beforeAll(async () => {
    cfg = readTokenConfig();
    srv = await startServer({ configFile: cfg.file });
  });
  afterAll(async () => {
    await srv.stop();
    rmSync(cfg.dir, { recursive: true, force: true });
  });

  it('refuses a scrape without a token and answers one with a token', async () => {
    expect((await scrape(srv.url, null)).status).toBe(401);
    expect((await scrape(srv.url, 'wrong-token')).status).toBe(401);
    const m = await scrape(srv.url);
    expect(m.status).toBe(200);
    expect(m.text).toContain('# TYPE ioc_http_requests_total counter');
  });
});
