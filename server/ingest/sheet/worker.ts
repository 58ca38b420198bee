/** A worker thread that reads and interprets one uploaded spreadsheet (see offthread.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '../../config/types.js';
import { interpret } from './interpret.js';
import { readTable, SheetError } from './table.js';

const { bytes, config, now } = workerData as { bytes: Uint8Array; config: AppConfig; now: number };
try {
  const table = await readTable(bytes);
  const { readings, errors } = interpret(table, config, now);
  parentPort!.postMessage({ ok: true, sheet: { format: table.format, rows: table.rows.length, readings, errors } });
} catch (err) {
  parentPort!.postMessage({ ok: false, sheetError: err instanceof SheetError, message: (err as Error).message });
}
