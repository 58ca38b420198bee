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
export function redisAdapter(url: string, log: ClusterLog): { adapter: NonNullable<ServerOptions['adapter']>; ready(): boolean; connected(ms: number): Promise<boolean>; close(): Promise<void> } {
  const client = new Redis(url, {
    // Fail a command soon while Redis is away rather than queue it for long.
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectTimeout: 3000,
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (!down) log.warn('redis: connection lost; delivering to this node\'s walls only until it is back', err);
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info('redis: connected again; broadcasts are shared again');
    down = false;
  });
  return {
    adapter: createAdapter(client) as NonNullable<ServerOptions['adapter']>,
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
    },
  };
}
