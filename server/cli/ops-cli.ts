/** What the backup and restore commands share: DATA_DIR as the server reads it, and how they end. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnv } from '../env.js';
import { OpsError, type BackupResult } from '../ops/backup.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The SQLite data folder the server uses (DATA_DIR, default ./data); refuses a PostgreSQL setup. */
export function sqliteDataDir(command: string): string {
  const env = readEnv(process.env);
  if (env.DATABASE_URL) {
    throw new OpsError(
      `DATABASE_URL is set: this server keeps its data in PostgreSQL; back it up with pg_dump and restore with pg_restore (README, "Backup and restore"), not npm run ${command}`,
    );
  }
  return resolve(env.DATA_DIR ?? join(root, 'data'));
}

/** One line per table: what a person checks after a backup or restore. */
export function describe(r: BackupResult): string {
  const rows = Object.entries(r.tables)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  return `${r.file} (${r.bytes} bytes, sha256 ${r.sha256})\n  rows: ${rows}`;
}

/** Run a command's main: a refusal is printed as one line and exits 1; anything else with its stack. */
export function runCli(command: string, usage: string, main: (args: string[]) => Promise<void>): void {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(`${command}: ${usage}`);
    process.exit(2);
  }
  main(args).catch((err: unknown) => {
    console.error(`${command}: ${err instanceof OpsError || /^environment:/.test((err as Error).message) ? (err as Error).message : (err as Error).stack}`);
    process.exit(1);
  });
}
