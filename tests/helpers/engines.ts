/**
 * Real PostgreSQL and Redis for the cluster tests: Debian's binaries, each on a free loopback
 * port with its data in a temporary folder, stopped (and the folder removed) at the end.
 * Missing binaries fail loudly with the install command: these tests never skip silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: apt-get install -y postgresql (bash .ci/run does)');
  return join(root, versions[0]!, 'bin');
}

const isRoot = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, run its tools as Debian's `postgres` user. */
function asPg(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function run(cmd: string, args: string[]): void {
  const [c, a] = asPg(cmd, args);
  const r = spawnSync(c, a, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface Postgres {
  /** postgres://ioc@127.0.0.1:PORT/DB */
  url(db?: string): string;
  port: number;
  stop(): Promise<void>;
  /** Start it again after stop() (an outage ends); same port and data. */
  start(): Promise<void>;
  /** Remove the data folder (after stop). */
  remove(): void;
}

/** initdb + pg_ctl start on a free port, data in a temp folder, trust auth on loopback only. */
export async function startPostgres(): Promise<Postgres> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'ioc-pg-'));
  if (isRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (pw.status !== 0) throw new Error("running as root needs the `postgres` user that Debian's postgresql package creates: apt-get install -y postgresql");
    const uid = Number(pw.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), ['-D', data, '-U', 'ioc', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=on`;
  const start = async () => run(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const running = () => {
    const [c, a] = asPg(join(bin, 'pg_ctl'), ['-D', data, 'status']);
    return spawnSync(c, a).status === 0;
  };
  const stop = () => {
    if (running()) run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
  };
  // However the test process ends, the server it started does not outlive it.
  process.once('exit', () => {
    if (existsSync(data)) stop();
  });
  await start();
  return {
    port,
    url: (db = 'postgres') => `postgres://ioc@127.0.0.1:${port}/${db}`,
    start,
    async stop() {
      stop();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): void;
}

/** redis-server on a free port, no persistence, in a temp folder. */
export async function startRedis(): Promise<Redis> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new Error('redis-server not found: apt-get install -y redis-server (bash .ci/run does)');
  const dir = mkdtempSync(join(tmpdir(), 'ioc-redis-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((res, rej) => {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      const timer = setTimeout(() => rej(new Error(`redis-server did not start:\n${out}`)), 20_000);
      c.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          res();
        }
      });
      c.once('exit', (code) => {
        clearTimeout(timer);
        rej(new Error(`redis-server exited (${code}):\n${out}`));
      });
    });
  process.once('exit', () => (child as ChildProcess | null)?.kill('SIGKILL'));
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const c = child as ChildProcess | null;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((res) => c.once('exit', res));
      c.kill('SIGKILL');
      await exited;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wait for a condition, checked again every few ms (a condition, never a fixed sleep); fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
