import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '../../config/types.js';
import type { ErrorDetail } from '../../protocol/errors.js';
import { interpret, type SheetReading } from './interpret.js';
import { readTable, SheetError } from './table.js';

/** A spreadsheet read and interpreted: its format, how many data rows, and the readings or the problems. */
export interface Sheet {
  format: string;
  rows: number;
  readings: SheetReading[];
  errors: ErrorDetail[];
}

/** Files up to this size are read in place (milliseconds); larger ones in a worker thread. */
const INLINE_BYTES = 256 * 1024;
/** Workers at once: a second large import waits rather than doubling the memory. */
const MAX_WORKERS = 1;
/** A worker's heap ceiling: past it the import fails, the server does not. */
const WORKER_HEAP_MB = 1024;

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((res) => waiting.push(res));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

type Reply = { ok: true; sheet: Sheet } | { ok: false; sheetError: boolean; message: string };

/** tsx's ESM API (for a worker run from TypeScript sources). */
const TSX_API = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;
const ts = fileURLToPath(import.meta.url).endsWith('.ts');

function inWorker(bytes: Uint8Array, config: AppConfig, now: number): Promise<Sheet> {
  const file = new URL(`./worker.${ts ? 'ts' : 'js'}`, import.meta.url);
  const options = { workerData: { bytes, config, now }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  // Run from TypeScript sources (tsx, vitest), the worker loads its module through tsx's API.
  const worker = ts
    ? new Worker(
        new URL(
          `data:text/javascript,${encodeURIComponent(`import { register } from ${JSON.stringify(TSX_API)}; register(); await import(${JSON.stringify(file.href)});`)}`,
        ),
        { ...options, execArgv: [] },
      )
    : new Worker(file, options);
  return new Promise((resolve, reject) => {
    worker.once('message', (r: Reply) => {
      void worker.terminate();
      if (r.ok) resolve(r.sheet);
      else reject(r.sheetError ? new SheetError(r.message) : new Error(r.message));
    });
    worker.once('error', (err: Error & { code?: string }) =>
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new SheetError('the file needs more memory to read than allowed; split it') : err),
    );
  });
}

/**
 * Read an uploaded spreadsheet and turn it into readings (readTable, then interpret). A large
 * file is read in a worker thread, one at a time, so that the stream and the walls stay live.
 */
export async function readSheet(bytes: Uint8Array, config: AppConfig, now: number): Promise<Sheet> {
  if (bytes.byteLength > INLINE_BYTES) return slot(() => inWorker(bytes, config, now));
  const table = await readTable(bytes);
  return { format: table.format, rows: table.rows.length, ...interpret(table, config, now) };
}
