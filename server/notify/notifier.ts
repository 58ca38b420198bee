import type { AppConfig } from '../config/types.js';
import type { Snapshot } from '../protocol/state.js';
import type { ChannelName } from '../store/outbox-rows.js';
import type { Store } from '../store/store.js';
import type { DataClock } from '../time/clock.js';
import type { Channels } from './channels.js';
import { runNotifications } from './run.js';
import { OutboxSender } from './sender.js';

/** How a server notifies: its channels, whether it leads (a cluster), how often the schedule runs. */
export interface NotifyOptions {
  channels: Channels;
  /** Only the cluster's leader runs the schedule and sends (a single node always leads). */
  isLeader?: () => boolean;
  /** How often (ms) the leader runs the schedule and sends; 0: only on POST /api/notifications/run (default 60 s). */
  intervalMs?: number;
}

export interface Notifier {
  sender: OutboxSender;
  channels: ChannelName[];
  stop(): void;
}

/** The outbox sender and, on the leader, the schedule on a timer. */
export function startNotifier(
  o: NotifyOptions,
  d: { store: Store; stateAt: (t: number) => Promise<Snapshot>; config: AppConfig; dataClock: DataClock; onError: (err: unknown) => void },
): Notifier {
  const isLeader = o.isLeader ?? (() => true);
  const sender = new OutboxSender({ store: d.store, channels: o.channels, isLeader, onError: d.onError });
  const channels = Object.keys(o.channels) as ChannelName[];
  const interval = o.intervalMs ?? 60_000;
  let busy = false;
  const tick = async () => {
    if (busy || !isLeader()) return;
    busy = true;
    try {
      const now = d.dataClock.now();
      await runNotifications({ store: d.store, snapshot: await d.stateAt(now), schedule: d.config.notifications, channels, now });
      await sender.pass();
    } catch (err) {
      d.onError(err);
    } finally {
      busy = false;
    }
  };
  const timer = interval > 0 ? setInterval(() => void tick(), interval) : null;
  timer?.unref();
  return {
    sender,
    channels,
    stop() {
      if (timer) clearInterval(timer);
      sender.stop();
      for (const c of Object.values(o.channels)) c.close?.();
    },
  };
}
