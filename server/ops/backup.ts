/**
 * Online backup and restore of the SQLite store (`DATA_DIR/ioc.sqlite`). The backup goes through
 * SQLite's backup API, so it is one consistent snapshot even while the server writes; a sha256
 * file beside it (`sha256sum` format) lets a restore refuse a damaged or truncated copy.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** The database file's name inside DATA_DIR (server/store/sqlite.ts opens the same). */
export const DB_FILE = 'ioc.sqlite';

/** A refusal the command-line tools print as it is (no stack trace). */
export class OpsError extends Error {
  override name = 'OpsError';
}

/** The checksum file that goes with a backup file. */
export const checksumFile = (file: string): string => `${file}.sha256`;

/** sha256 of a file, hex. */
export async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

export interface BackupResult {
  file: string;
  sha256: string;
  bytes: number;
  tables: Record<string, number>;
}

/** Row counts of the tables a person checks after a backup (those present in this schema). */
function counts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('readings', 'reports', 'tokens', 'audit')").all() as { name: string }[]
    ).map((r) => r.name);
    return Object.fromEntries(names.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM "${n}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/**
 * Back up `dataDir`'s database into `file` (never over an existing file) while the server may be
 * writing, check the copy's integrity and write its sha256 beside it.
 */
export async function backupSqlite(dataDir: string, file: string): Promise<BackupResult> {
  const source = join(resolve(dataDir), DB_FILE);
  const target = resolve(file);
  if (!existsSync(source)) throw new OpsError(`no database at ${source}: set DATA_DIR to the server's data folder`);
  if (existsSync(target) || existsSync(checksumFile(target))) throw new OpsError(`${target} (or its .sha256) already exists: choose a new file name`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  // A connection of its own: the backup API restarts by itself when the server writes meanwhile.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  const check = integrity(partial);
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    throw new OpsError(`the backup failed SQLite's integrity check (${check}); nothing was kept`);
  }
  renameSync(partial, target);
  const digest = await sha256(target);
  writeFileSync(checksumFile(target), `${digest}  ${basename(target)}\n`);
  return { file: target, sha256: digest, bytes: statSync(target).size, tables: counts(target) };
}

/** Read the expected digest from a `sha256sum`-style file. */
function expectedDigest(file: string): string {
  const sumFile = checksumFile(file);
  if (!existsSync(sumFile)) throw new OpsError(`${sumFile} is missing: a backup is restored only with its checksum (npm run backup writes both)`);
  const m = /^([0-9a-f]{64})\b/i.exec(readFileSync(sumFile, 'utf8').trim());
  if (!m) throw new OpsError(`${sumFile}: expected a sha256 checksum (64 hex digits)`);
  return m[1]!.toLowerCase();
}

/**
 * Restore `file` into `dataDir`, which must be empty or absent (a restore never overwrites
 * data): the checksum and SQLite's integrity check must pass first.
 */
export async function restoreSqlite(file: string, dataDir: string): Promise<BackupResult> {
  const source = resolve(file);
  const dir = resolve(dataDir);
  if (!existsSync(source)) throw new OpsError(`${source} not found`);
  const expected = expectedDigest(source);
  const actual = await sha256(source);
  if (actual !== expected)
    throw new OpsError(
      `${source}: checksum mismatch (expected ${expected}, got ${actual}): the file is damaged or not the one backed up; nothing was restored`,
    );
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new OpsError(`DATA_DIR ${dir} is not empty: restore only into an empty folder (stop the server, move the old folder away, then restore)`);
  }
  const check = integrity(source);
  if (check !== 'ok') throw new OpsError(`${source} failed SQLite's integrity check (${check}); nothing was restored`);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, DB_FILE);
  const partial = `${target}.partial`;
  // Through the backup API again, not a byte copy: the result is a clean single-file database.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  renameSync(partial, target);
  return { file: target, sha256: actual, bytes: statSync(target).size, tables: counts(target) };
}
