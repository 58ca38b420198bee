import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { ClusterLog } from './node.js';

/**
 * The socket.io Redis Streams adapter on REDIS_URL: broadcasts (display commands) reach the
 * walls of every node, and socket.io's connection state recovery keeps working across nodes.
 * Redis down: each node still delivers to its own walls (the adapter publishes, fails, then
 * broadcasts locally; state deltas never depend on Redis) and ioredis reconnects by itself.
 */
export function redisAdapter(
  url: string,
  log: ClusterLog,
): { adapter: NonNullable<ServerOptions['adapter']>; ready(): boolean; connected(ms: number): Promise<boolean>; close(): Promise<void> } {
  const client = new Redis(url, {
    // Fail a command soon while Redis is away rather than queue it for long.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectTimeout: 3000,
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log.warn("redis: connection lost; delivering to this node's walls only until it is back", err);
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info('redis: connected again; broadcasts are shared again');
    down = false;
  });
  // Defence in depth: a Redis command rejected with nobody observing it (inside the adapter or
  // ioredis) is logged, never fatal. Any other unhandled rejection still stops the process.
  const onUnhandled = (err: unknown) => {
    if (!isRedisError(err)) throw err;
    log.warn('redis: a command failed unobserved (Redis unreachable); ignored', err);
  };
  process.on('unhandledRejection', onUnhandled);
  return {
    adapter: createAdapter(guarded(client)) as NonNullable<ServerOptions['adapter']>,
    ready: () => client.status === 'ready',
    /** Resolves once connected, or with false after `ms` (the node then starts without it). */
    connected: (ms) =>
      new Promise((res) => {
        if (client.status === 'ready') return res(true);
        const timer = setTimeout(() => (client.off('ready', onReady), res(false)), ms);
        const onReady = () => (clearTimeout(timer), res(true));
        client.once('ready', onReady);
      }),
    async close() {
      client.disconnect();
      process.off('unhandledRejection', onUnhandled);
    },
  };
}

/**
 * The adapter leaves some Redis commands' promises unobserved (PUBLISH, SUBSCRIBE): while Redis
 * is down they reject, and an unhandled rejection would stop the node. Every promise a command
 * returns is observed here (callers that await it still see the error). The adapter's own
 * copies (its stream reader and subscriber) wait for Redis to come back instead of failing,
 * and report nothing: this node's main client already says when Redis is down.
 */
function guarded(client: Redis): Redis {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'duplicate') {
        return (override?: Partial<Redis['options']>) => guarded(target.duplicate({ ...override, maxRetriesPerRequest: null }).on('error', () => {}));
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise) out.catch(() => {});
        return out === target ? receiver : out;
      };
    },
  });
}

/** An error raised by ioredis for a command that could not reach Redis. */
function isRedisError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'MaxRetriesPerRequestError' || (err.message === 'Connection is closed.' && /[\\/]ioredis[\\/]/.test(err.stack ?? ''));
}
