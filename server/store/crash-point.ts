import { writeSync } from 'node:fs';

// Read once: inert (one comparison per row) unless the test sets it.
const AFTER = Number(process.env.IOC_TEST_CRASH_AFTER_ROWS ?? 0);

/**
 * Test-only: with IOC_TEST_CRASH_AFTER_ROWS=N, kill this process (SIGKILL: no cleanup, as a
 * power cut) right after the N-th reading row was written, saying so first on stderr.
 */
export function crashPoint(written: number, inTransaction: boolean): void {
  if (AFTER <= 0 || written !== AFTER) return;
  writeSync(2, `crash point: killed after ${written} row(s) written, inside a transaction: ${inTransaction}\n`);
  process.kill(process.pid, 'SIGKILL');
}
