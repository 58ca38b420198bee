import { startPostgres, startRedis } from './tests/helpers/engines.js';
import { runMain } from './tests/helpers/process.js';
const pgs = await startPostgres();
const redis = await startRedis();
const env = { DATABASE_URL: pgs.url(), REDIS_URL: redis.url, IOC_DEMO: '0', IOC_TICK_MS: '1000', LOG_LEVEL: 'warn', DATA_DIR: '/tmp/wt7-probe' };
const nodes = [runMain(env), runMain(env)];
await Promise.all(nodes.map((n) => n.url));
for (let i = 0; i < 3; i++) {
  await redis.stop();
  await new Promise((r) => setTimeout(r, 5000));
  await redis.start();
  await new Promise((r) => setTimeout(r, 1000));
}
console.log('exit codes:', nodes.map((a) => a.child.exitCode), nodes.map((a) => /MaxRetriesPerRequestError|Unhandled/.test(a.output()) ? 'CRASHED' : 'alive'));
for (const a of nodes) await a.kill();
await redis.stop(); redis.remove(); await pgs.stop(); pgs.remove();
process.exit(0);
