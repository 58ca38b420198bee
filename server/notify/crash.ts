import { writeSync } from 'node:fs';

/** Where the outbox sender can be killed in a test: after a message was stored and before it was sent, or after the send before it was marked sent. */
export type NotifyCrashPoint = 'before-send' | 'after-send';

// Read once: inert (one comparison per message) unless a test sets it.
const AT = process.env.IOC_TEST_NOTIFY_CRASH ?? '';

/**
 * Test-only: with IOC_TEST_NOTIFY_CRASH=before-send|after-send, kill this process (SIGKILL: no
 * cleanup, as a power cut) at that point of the first send, saying so first on stderr.
 */
export function notifyCrashPoint(at: NotifyCrashPoint, messageId: string): void {
  if (AT !== at) return;
  writeSync(2, `notify crash point: killed ${at} of message ${messageId}\n`);
  process.kill(process.pid, 'SIGKILL');
}
