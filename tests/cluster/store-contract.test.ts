import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { storeContract } from '../../server/store/contract.js';
import { openPostgresStore } from '../../server/store/postgres.js';
import { startPostgres, type Postgres } from '../helpers/engines.js';

let server: Postgres;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
  server?.remove();
});

storeContract('PostgreSQL', {
  async fresh() {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS contract WITH (FORCE)');
    await admin.query('CREATE DATABASE contract');
    await admin.end();
  },
  open: (clock) => openPostgresStore(server.url('contract'), clock),
});
