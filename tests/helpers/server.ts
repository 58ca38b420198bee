import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { boot, type BootOptions, type Booted } from '../../server/boot.js';
import type { Clock } from '../../server/clock.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/index.js';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The boundary folder, as the server finds it: IOC_GEO_DIR or ../shared/geo beside the project. */
export const SHARED_GEO = resolve(process.env.IOC_GEO_DIR ?? resolve(ROOT, '../shared/geo'));
export const TOKEN = 'test-admin-token';
/** The demo's own start: the end of August 2024 in Quảng Nam. */
export const DEMO_NOW = Date.parse('2024-08-31T08:00:00+07:00');

/** A clock the test moves by hand. */
export function manualClock(start: number, demo = true): Clock & { set(t: number): void } {
  let t = start;
  return { now: () => t, demo, set: (x: number) => void (t = x) };
}

export interface TestServer extends Booted {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A real server (real SQLite in a temp dir, real HTTP + socket.io) on a free loopback port. */
export async function startServer(o: Partial<BootOptions> = {}): Promise<TestServer> {
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'ioc-test-'));
  const booted = await boot({
    configFile: join(ROOT, 'config/province.json'),
    geoDir: SHARED_GEO,
    dataDir,
    demo: true,
    simulate: false,
    clock: manualClock(DEMO_NOW),
    adminToken: TOKEN,
    webRoot: null,
    tickMs: 0,
    logger: false,
    version: 'test',
    ...o,
  });
  const url = await booted.app.listen(0, '127.0.0.1');
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

/** A real socket.io client; resolves once connected. */
export async function connect(url: string): Promise<Client> {
  const socket: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((res, rej) => {
    socket.once('connect', () => res());
    socket.once('connect_error', rej);
  });
  return socket;
}

/** The next occurrence of an event (no sleeping: resolves on the event itself). */
export function next<E extends keyof ServerToClientEvents>(socket: Client, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((res) => socket.once(event, ((payload: never) => res(payload)) as never));
}

export async function post(url: string, path: string, body: unknown, token: string | null = TOKEN, raw = false): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(url + path, { method: 'POST', headers, body: raw ? (body as string) : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}
