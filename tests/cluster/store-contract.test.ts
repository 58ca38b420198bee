import pg from 'pg';
import { inject } from 'vitest';
import { storeContract } from '../../server/store/contract.js';
import { openPostgresStore } from '../../server/store/postgres.js';

const url = (db: string) => `postgres://ioc@127.0.0.1:${inject('pgPort')}/${db}`;

storeContract('PostgreSQL', {
  async fresh() {
    const admin = new pg.Client({ connectionString: url('postgres') });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS contract WITH (FORCE)');
    await admin.query('CREATE DATABASE contract');
    await admin.end();
  },
  open: (clock) => openPostgresStore(url('contract'), clock),
});
