/**
 * `npm run notify`: queue the reminders and alerts due now, then send what the outbox holds, in
 * the server's (DATABASE_URL's, else DATA_DIR's) database; prints what it queued and sent as JSON.
 * `npm run notify -- --send-only`: only send. Channels from IOC_SMTP_URL / IOC_WEBHOOK_URL.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { DEMO_CLOCK_KEY } from '../demo/simulator.js';
import { readEnv, type Env } from '../env.js';
import { runNotifications, type RunResult } from '../notify/run.js';
import { LiveState } from '../state/live.js';
import type { ChannelName } from '../store/outbox-rows.js';
import { listRecordedExceptReadings, readingPages, type Store } from '../store/store.js';
import { channelsFromEnv } from '../notify/channels.js';
import { drain, OutboxSender } from '../notify/sender.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The state now (the demo's clock in a demo database, else the real one) and what is due in it. */
async function queueDue(store: Store, env: Env, channels: ChannelName[]): Promise<RunResult> {
  const config = loadConfig(resolve(env.IOC_CONFIG ?? join(root, 'config/province.json')));
  const demoAt = await store.getMeta(DEMO_CLOCK_KEY);
  const now = demoAt === null ? Date.now() : Number(demoAt);
  const state = new LiveState(config, { now: () => now, demo: demoAt !== null });
  await state.loadStreaming(await listRecordedExceptReadings(store), readingPages(store));
  state.recompute();
  return runNotifications({ store, snapshot: state.snapshot(), schedule: config.notifications, channels, now });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'send-only': { type: 'boolean', default: false } } });
  const env = readEnv(process.env);
  const store = env.DATABASE_URL ? await openPostgresStore(env.DATABASE_URL) : openSqliteStore(resolve(env.DATA_DIR ?? join(root, 'data')));
  const channels = channelsFromEnv(env);
  try {
    const queued = values['send-only'] ? null : await queueDue(store, env, Object.keys(channels) as ChannelName[]);
    const sent = await drain(new OutboxSender({ store, channels }));
    console.log(JSON.stringify({ queued: queued?.queued.length ?? 0, ...sent, ...(queued && { messages: queued.queued }) }));
  } finally {
    for (const c of Object.values(channels)) c.close?.();
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(`notify: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
