/** One run of the schedule: plan what is due now, store it in the outbox (each dedup key once), remember the levels seen. */
import type { Snapshot } from '../protocol/state.js';
import type { ChannelName, StoredMessage } from '../store/outbox-rows.js';
import type { Store } from '../store/store.js';
import { localFields, localInstant } from '../time/local.js';
import { toMessages } from './messages.js';
import { levelsOf, planNotices, type Levels } from './plan.js';
import { DEFAULT_SCHEDULE, type NotificationSchedule } from './schedule.js';

/** Meta keys: the levels at the last run and at the last digest. */
const LEVELS_KEY = 'notify:levels';
const DIGEST_KEY = 'notify:digest-levels';

/** What a run queued (the answer of POST /api/notifications/run and `npm run notify`). */
export interface RunResult {
  queued: Pick<StoredMessage, 'id' | 'kind' | 'unit' | 'period' | 'channel' | 'recipient' | 'subject' | 'nextAt'>[];
}

export interface RunInput {
  store: Store;
  snapshot: Snapshot;
  schedule?: NotificationSchedule | undefined;
  channels: readonly ChannelName[];
  /** The data clock's now (the schedule follows the data's time, as the state does). */
  now: number;
}

const readLevels = async (store: Store, key: string): Promise<Levels | null> => {
  const raw = await store.getMeta(key);
  return raw === null ? null : (JSON.parse(raw) as Levels);
};

/** Queue what is due at `now`; running twice queues nothing twice (dedup keys). */
export async function runNotifications(o: RunInput): Promise<RunResult> {
  const schedule = o.schedule ?? DEFAULT_SCHEDULE;
  const tz = o.snapshot.province.timezone;
  const [contacts, previous, previousDigest] = await Promise.all([o.store.listContacts(), readLevels(o.store, LEVELS_KEY), readLevels(o.store, DIGEST_KEY)]);
  const notices = planNotices({ snapshot: o.snapshot, contacts, schedule, now: o.now, previous, previousDigest });
  const { year, month, day } = localFields(o.now, tz);
  const today = await o.store.recipientCounts(localInstant(tz, year, month, day));
  const messages = toMessages({ notices, snapshot: o.snapshot, schedule, channels: o.channels, now: o.now, today });
  const ids = new Set(await o.store.enqueueMessages(messages));
  const levels = JSON.stringify(levelsOf(o.snapshot));
  await o.store.commit({ meta: { [LEVELS_KEY]: levels, ...(messages.some((m) => m.kind === 'digest' && ids.has(m.id)) && { [DIGEST_KEY]: levels }) } });
  return {
    queued: messages
      .filter((m) => ids.has(m.id))
      .map(({ id, kind, unit, period, channel, recipient, subject, nextAt }) => ({ id, kind, unit, period, channel, recipient, subject, nextAt })),
  };
}
