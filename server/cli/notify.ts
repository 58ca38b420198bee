/**
 * `npm run notify`: queue the reminders and alerts due now, then send what the outbox holds, in
 * the server's (DATABASE_URL's, else DATA_DIR's) database; prints what it queued and sent as JSON.
 * `npm run notify -- --send-only`: only send. Channels from IOC_SMTP_URL / IOC_WEBHOOK_URL.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readEnv } from '../env.js';
import { channelsFromEnv } from '../notify/channels.js';
import { drain, OutboxSender } from '../notify/sender.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'send-only': { type: 'boolean', default: false } } });
  const env = readEnv(process.env);
  const store = env.DATABASE_URL ? await openPostgresStore(env.DATABASE_URL) : openSqliteStore(resolve(env.DATA_DIR ?? join(root, 'data')));
  const channels = channelsFromEnv(env);
  try {
    const sent = await drain(new OutboxSender({ store, channels }));
    console.log(JSON.stringify({ sendOnly: values['send-only'], ...sent }));
  } finally {
    for (const c of Object.values(channels)) c.close?.();
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(`notify: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
