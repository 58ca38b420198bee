/**
 * `npm run backup -- FILE`: a consistent online backup of DATA_DIR's SQLite database into FILE
 * (the server may be running and writing), with FILE.sha256 beside it. PostgreSQL: pg_dump (README).
 */
import { backupSqlite } from '../ops/backup.js';
import { describe, runCli, sqliteDataDir } from './ops-cli.js';

runCli('backup', 'usage: npm run backup -- FILE   (DATA_DIR names the data folder, default ./data)', async ([file]) => {
  const result = await backupSqlite(sqliteDataDir('backup'), file!);
  console.log(`backed up to ${describe(result)}\n  checksum: ${result.file}.sha256`);
});
