import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeContract } from '../../server/store/contract.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { outboxContract } from '../../server/store/outbox-contract.js';
import { signinContract } from '../../server/store/signin-contract.js';
import { readingVersionsContract } from '../../server/store/versions-contract.js';
import { readingPagesContract } from '../../server/store/pages-contract.js';
import { startPostgres, type Postgres } from '../helpers/engines.js';

let server: Postgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
  server?.remove();
});

async function freshDb(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

storeContract('PostgreSQL', {
  fresh: () => freshDb('contract'),
  open: (systemNow) => openPostgresStore(server.url('contract'), systemNow),
});
outboxContract('PostgreSQL', { fresh: () => freshDb('outbox'), open: (systemNow) => openPostgresStore(server.url('outbox'), systemNow) });
signinContract('PostgreSQL', { fresh: () => freshDb('signin'), open: (systemNow) => openPostgresStore(server.url('signin'), systemNow) });
readingVersionsContract('PostgreSQL', { fresh: () => freshDb('versions'), open: (systemNow) => openPostgresStore(server.url('versions'), systemNow) });
readingPagesContract('PostgreSQL', { fresh: () => freshDb('pages'), open: (systemNow) => openPostgresStore(server.url('pages'), systemNow) });

describe('PostgreSQL readings upsert (one statement per batch)', () => {
  it('a series point given twice in one batch: stored once, as one upsert per row in order would leave it', async () => {
    await freshDb('batch');
    const s = await openPostgresStore(server.url('batch'), () => 5);
    try {
      const r = (value: number, at: number, submittedBy = 'a') => ({ unit: 'u1', indicator: 'i1', value, at, source: 'api' as const, submittedBy });
      await s.commit({ readings: [r(1, 1000), r(2, 1000, 'b'), r(3, 2000), r(3, 2000, 'c'), r(4, 3000, 'o\'neil, "q"')] });
      expect((await s.listReadings()).map((x) => [x.at, x.value, x.submittedBy])).toEqual([
        [1000, 2, 'b'],
        [2000, 3, 'a'], // the same value again changes nothing
        [3000, 4, 'o\'neil, "q"'],
      ]);
      await s.commit({ readings: [r(2, 1000, 'x'), r(9, 1000, 'y')] });
      expect((await s.listReadings()).map((x) => [x.at, x.value, x.submittedBy])[0]).toEqual([1000, 9, 'y']);
    } finally {
      await s.close();
    }
  });
});
