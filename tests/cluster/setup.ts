import type { TestProject } from 'vitest/node';
import { startPostgres, startRedis } from '../helpers/engines.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgPort: number;
    redisUrl: string;
  }
}

/** One PostgreSQL and one Redis for the cluster project, stopped at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const pg = await startPostgres();
  let redis;
  try {
    redis = await startRedis();
  } catch (err) {
    await pg.stop();
    pg.remove();
    throw err;
  }
  project.provide('pgPort', pg.port);
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.stop();
    redis.remove();
    await pg.stop();
    pg.remove();
  };
}
