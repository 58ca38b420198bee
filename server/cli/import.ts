/**
 * `npm run import -- FILE.xlsx|FILE.csv [--dry-run]`: send a spreadsheet to the running server
 * (IOC_URL, default http://127.0.0.1:$PORT) with IOC_TOKEN (or IOC_ADMIN_TOKEN), and print
 * what it would change (dry run) or what it stored, or every problem by row and column.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

interface Answer {
  accepted?: number;
  dryRun?: boolean;
  format?: string;
  rows?: number;
  new?: number;
  update?: number;
  same?: number;
  readings?: { row: number; unit: string; indicator: string; period: string; value: number; previous: number | null; change: string }[];
  error?: { code: string; message: string; details?: { row?: number; field: string; message: string }[] };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) {
    console.error('usage: npm run import -- FILE.xlsx|FILE.csv [--dry-run]   (IOC_URL, IOC_TOKEN or IOC_ADMIN_TOKEN)');
    return 2;
  }
  const token = process.env.IOC_TOKEN ?? process.env.IOC_ADMIN_TOKEN;
  if (!token) {
    console.error('import: set IOC_TOKEN (a unit or admin token) or IOC_ADMIN_TOKEN');
    return 2;
  }
  const url = process.env.IOC_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8080}`;
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch (err) {
    console.error(`import: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`);
    return 2;
  }
  const type = /\.xlsx$/i.test(file) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  const res = await fetch(`${url}/api/import${values['dry-run'] ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-filename': encodeURIComponent(basename(file)) },
    body: new Uint8Array(body),
  }).catch((err: Error) => {
    console.error(`import: cannot reach ${url} (${err.message}); is the server running?`);
    return null;
  });
  if (!res) return 1;
  const a = (await res.json()) as Answer;
  if (!res.ok) {
    console.error(`import refused (${res.status} ${a.error?.code}): ${a.error?.message}`);
    for (const d of a.error?.details ?? []) console.error(`  row ${d.row ?? '-'}, ${d.field}: ${d.message}`);
    return 1;
  }
  console.log(`${a.format}: ${a.rows} row(s) → ${a.new} new, ${a.update} updated, ${a.same} unchanged`);
  if (a.dryRun) {
    for (const r of a.readings ?? []) {
      if (r.change !== 'same') console.log(`  row ${r.row}: ${r.unit} · ${r.indicator} · ${r.period}: ${r.previous ?? '—'} → ${r.value}`);
    }
    console.log('dry run: nothing was stored');
  } else console.log(`stored ${a.accepted} reading(s)`);
  return 0;
}

main().then((code) => process.exit(code));
