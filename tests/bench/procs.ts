import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { serverBundle } from '../../server/serverbuild.js';

const HERE = import.meta.dirname;

/** How long any one awaited event may take before the benchmark gives up (a watchdog, not a sleep). */
const WATCHDOG_MS = 300_000;

export interface Child<In, Out extends { type: string }> {
  child: ChildProcess;
  send(m: In): void;
  /** The next message of this type (or one already queued). */
  next<T extends Out['type']>(type: T): Promise<Extract<Out, { type: T }>>;
  /** Every message of this type from now on. */
  on<T extends Out['type']>(type: T, f: (m: Extract<Out, { type: T }>) => void): void;
  /** Ask it to stop and wait for it to exit. */
  stop(message: In): Promise<void>;
}

/** The bench's server process, bundled as `npm start` bundles the server: measured as it runs, without a TypeScript loader. Once per run. */
let serverBundled: string | null = null;
function serverEntry(): string {
  if (serverBundled) return serverBundled;
  const root = join(HERE, '../..');
  const outDir = join(root, 'dist/bench');
  buildSync(serverBundle(root, { 'server-proc': join(HERE, 'server-proc.ts') }, outDir));
  return (serverBundled = join(outDir, 'server-proc.js'));
}

/**
 * Fork one of the bench's TypeScript files (through tsx; the server process bundled) with IPC. If it dies unexpectedly
 * or reports an error, every pending wait rejects: the benchmark fails instead of hanging.
 */
export function forkTs<In, Out extends { type: string }>(file: string, args: string[], name: string): Child<In, Out> {
  // BENCH_PROFILE=<dir>: the servers write a CPU profile there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE && file === 'server-proc.ts' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  // A server can be asked for its live heap after a full collection (server-proc.ts `mem`).
  const server = file === 'server-proc.ts';
  if (server) profile.push('--expose-gc', ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []));
  const child = fork(server ? serverEntry() : join(HERE, file), args, {
    execArgv: [...(server ? [] : ['--import', 'tsx']), ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queued: Out[] = [];
  const waiters: { type: string; res: (m: Out) => void; rej: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  const listeners = new Map<string, ((m: Out) => void)[]>();
  let dead: Error | null = null;
  let stopping = false;
  const die = (e: Error) => {
    dead = e;
    for (const w of waiters.splice(0)) {
      clearTimeout(w.timer);
      w.rej(e);
    }
  };
  child.on('message', (m: Out) => {
    if (m.type === 'error') die(new Error(`${name}: ${(m as unknown as { message: string }).message}`));
    for (const f of listeners.get(m.type) ?? []) f(m);
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) {
      const [w] = waiters.splice(i, 1);
      clearTimeout(w!.timer);
      w!.res(m);
    } else if (!listeners.has(m.type)) queued.push(m);
  });
  child.on('exit', (code) => {
    if (!stopping) die(new Error(`${name} exited unexpectedly (code ${code})`));
  });
  return {
    child,
    send: (m) => child.send(m as object),
    next(type) {
      const i = queued.findIndex((m) => m.type === type);
      if (i >= 0) return Promise.resolve(queued.splice(i, 1)[0] as never);
      if (dead) return Promise.reject(dead);
      return new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`${name}: no "${type}" within ${WATCHDOG_MS / 1000} s`)), WATCHDOG_MS);
        waiters.push({ type, res: res as (m: Out) => void, rej, timer });
      });
    },
    on(type, f) {
      listeners.set(type, [...(listeners.get(type) ?? []), f as (m: Out) => void]);
    },
    async stop(message) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((res) => child.once('exit', () => res()));
      child.send(message as object);
      await exited;
    },
  };
}
