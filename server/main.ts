/** Entry point: read the environment, build the web app when needed, boot and serve. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { boot, ConfigError, CrosswalkError, GeoError } from './boot.js';
import { readEnv } from './env.js';
import { channelsFromEnv } from './notify/channels.js';
import { ensureWebBuilt } from './webbuild.js';
import { projectRoot } from './root.js';

const root = projectRoot(import.meta.dirname);
const log = (msg: string) => console.log(`[ioc] ${msg}`);

async function main(): Promise<void> {
  const env = readEnv(process.env);
  const webRoot = join(root, 'dist/web');
  if (env.IOC_SKIP_WEB_BUILD !== '1') await ensureWebBuilt(root, webRoot, log);
  const booted = await boot({
    configFile: resolve(env.IOC_CONFIG ?? join(root, 'config/province.json')),
    geoDir: resolve(env.IOC_GEO_DIR ?? join(root, '../shared/geo')),
    dataDir: resolve(env.DATA_DIR ?? join(root, 'data')),
    ...(env.DATABASE_URL !== undefined && { databaseUrl: env.DATABASE_URL }),
    ...(env.REDIS_URL !== undefined && { redisUrl: env.REDIS_URL }),
    demo: env.IOC_DEMO !== '0',
    ...(env.IOC_DEMO_SPEED !== undefined && { demoSpeed: env.IOC_DEMO_SPEED }),
    simulate: env.IOC_SIMULATE !== '0',
    adminToken: env.IOC_ADMIN_TOKEN,
    webRoot,
    tickMs: env.IOC_TICK_MS,
    writeLimitPerMinute: env.IOC_WRITE_LIMIT,
    socketsPerAddress: env.IOC_SOCKETS_PER_ADDRESS,
    ...(env.IOC_TRUST_PROXY !== undefined && { trustProxy: env.IOC_TRUST_PROXY }),
    logger: { level: env.LOG_LEVEL },
    channels: channelsFromEnv(env),
    version: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    log,
  });
  const address = await booted.app.listen(env.PORT, env.HOST);
  log(
    `serving ${address}${booted.clock.demo ? ' — DEMO scenario' : ''}; writes ${env.IOC_ADMIN_TOKEN ? 'enabled (IOC_ADMIN_TOKEN)' : 'disabled: set IOC_ADMIN_TOKEN'}`,
  );

  const shutdown = async (signal: string) => {
    log(`${signal}: shutting down`);
    await booted.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof GeoError || err instanceof CrosswalkError) console.error(`[ioc] configuration error: ${err.message}`);
  else if (err instanceof Error && err.message.startsWith('environment:')) console.error(`[ioc] ${err.message.replaceAll('\n', '\n[ioc] ')}`);
  else console.error('[ioc] failed to start:', err);
  process.exit(1);
});
