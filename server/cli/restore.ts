/**
 * `npm run restore -- FILE`: check FILE against FILE.sha256 and restore it into DATA_DIR, which
 * must be empty (a restore never overwrites data). Start the server afterwards. PostgreSQL: pg_restore (README).
 */
import { restoreSqlite } from '../ops/backup.js';
import { describe, runCli, sqliteDataDir } from './ops-cli.js';

runCli('restore', 'usage: npm run restore -- FILE   (into DATA_DIR, which must be empty; default ./data)', async ([file]) => {
  const result = await restoreSqlite(file!, sqliteDataDir('restore'));
  console.log(`checksum ok; restored into ${describe(result)}`);
});
