import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { boot, type BootOptions, type Booted } from '../../server/boot.js';
import type { DataClock } from '../../server/time/clock.js';
import type { ClientToServerEvents, Delta, ErrorDetail, Handshake, ServerToClientEvents, Snapshot } from '../../server/protocol/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The boundary folder, as the server finds it: IOC_GEO_DIR or ../shared/geo beside the project. */
export const SHARED_GEO = resolve(process.env.IOC_GEO_DIR ?? resolve(ROOT, '../shared/geo'));
export const TOKEN = 'test-admin-token';
/** The demo's own start: the end of August 2024 in Quảng Nam. */
export const DEMO_NOW = Date.parse('2024-08-31T08:00:00+07:00');

/** A clock the test moves by hand. */
export function manualClock(start: number, demo = true): DataClock & { set(t: number): void } {
  let t = start;
  return { now: () => t, demo, set: (x: number) => void (t = x) };
}

/**
 * A copy of the shipped config folder with parts of display.json replaced (e.g. a fast
 * heartbeat); returns the province file's path. The caller removes `dir` when done.
 */
export function configWith(display: Record<string, unknown>): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-config-'));
  cpSync(join(ROOT, 'config'), dir, { recursive: true });
  const file = join(dir, 'display.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...display }));
  return { file: join(dir, 'quang-nam-2024.json'), dir };
}

/** A copy of the Quảng Nam 2024 configuration in which reading needs a token (`access.read = "token"`). */
export function readTokenConfig(): { file: string; dir: string } {
  const cfg = configWith({});
  writeFileSync(cfg.file, JSON.stringify({ ...JSON.parse(readFileSync(cfg.file, 'utf8')), access: { read: 'token' } }));
  return cfg;
}

const withoutPort = ({ port: _port, ...rest }: Partial<BootOptions> & { port?: number }): Partial<BootOptions> => rest;

export interface TestServer extends Booted {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real server (real SQLite in a temp dir, real HTTP + socket.io) on a free loopback port. */
export async function startServer(o: Partial<BootOptions> & { port?: number } = {}): Promise<TestServer> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'ioc-test-'));
  const booted = await boot({
    configFile: join(ROOT, 'config/quang-nam-2024.json'),
    geoDir: SHARED_GEO,
    dataDir,
    demo: true,
    simulate: false,
    clock: manualClock(DEMO_NOW),
    adminToken: TOKEN,
    webRoot: null,
    tickMs: 0,
    logger: false,
    // The built web app reloads itself when versions differ: tell it the truth.
    version: (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
    ...withoutPort(o),
  });
  const url = await booted.app.listen(o.port ?? 0, '127.0.0.1');
  return {
    ...booted,
    url,
    dataDir,
    async stop() {
      await booted.close();
      if (!o.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A real socket.io client; resolves with its first snapshot (the listener is attached before
 * connecting, so the snapshot sent on connect cannot slip past).
 */
export async function connect(url: string, auth: Handshake = {}): Promise<{ socket: Client; snapshot: Snapshot }> {
  const socket: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false, auth });
  const snapshot = new Promise<Snapshot>((res, rej) => {
    socket.once('state:snapshot', res);
    socket.once('connect_error', rej);
  });
  socket.connect();
  return { socket, snapshot: await snapshot };
}

/** The next occurrence of an event (no sleeping: resolves on the event itself). */
export function next<E extends keyof ServerToClientEvents>(socket: Client, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((res) => socket.once(event, ((payload: never) => res(payload)) as never));
}

/**
 * Record every delta from now on; `seq(n)` resolves with the delta numbered n, whether it has
 * already arrived or not (a write's delta can beat the write's HTTP answer).
 */
export function deltas(socket: Client): { seq(n: number): Promise<Delta> } {
  const seen = new Map<number, Delta>();
  const waiting = new Map<number, (d: Delta) => void>();
  socket.on('state:delta', (d) => {
    seen.set(d.seq, d);
    waiting.get(d.seq)?.(d);
  });
  return {
    seq: (n) => (seen.has(n) ? Promise.resolve(seen.get(n)!) : new Promise((res) => waiting.set(n, res))),
  };
}

/** The answer bodies of the write API, loosely: each test reads the fields its route returns. */
export interface ApiBody {
  accepted: number;
  seq: number;
  delivered: number;
  reports: { unit: string; period: string; status: string; dueAt: string }[];
  error: { code: string; message: string; details: ErrorDetail[] };
}

export async function post(url: string, path: string, body: unknown, token: string | null = TOKEN, raw = false): Promise<{ status: number; json: ApiBody }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method: 'POST', headers, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as ApiBody };
}
