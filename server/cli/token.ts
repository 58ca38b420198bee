/**
 * `npm run token -- create --role unit --unit tam-ky [--label "…"] [--expires 90d]`,
 * `npm run token -- list`, `npm run token -- revoke ID`: manage access tokens in the server's (DATABASE_URL's, else DATA_DIR's)
 * database (the server may be running). The secret is printed once, at creation.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newToken, parseExpiry, publicToken } from '../auth/tokens.js';
import { loadConfig } from '../config/load.js';
import { readEnv } from '../env.js';
import { openPostgresStore } from '../store/postgres.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { AuditEntry, Role } from '../store/rows.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = `usage:
  npm run token -- create --role admin|unit|display [--unit UNIT] [--label TEXT] [--expires 90d|12h|2025-12-31|never]
  npm run token -- list
  npm run token -- revoke ID`;

function fail(message: string): never {
  console.error(`token: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, unit: { type: 'string' }, label: { type: 'string' }, expires: { type: 'string' } },
  });
  const env = readEnv(process.env);
  // The same database the server uses: PostgreSQL when DATABASE_URL is set, else DATA_DIR's SQLite.
  const store = env.DATABASE_URL ? await openPostgresStore(env.DATABASE_URL) : openSqliteStore(resolve(env.DATA_DIR ?? join(root, 'data')));
  const now = Date.now();
  const audit = (action: string, target: string, detail: string | null): AuditEntry => ({
    at: now,
    who: 'cli',
    role: 'admin',
    action,
    target,
    source: 'cli',
    outcome: 'accepted',
    status: 200,
    detail,
  });
  try {
    const [command, id] = positionals;
    if (command === 'create') {
      const role = values.role as Role | undefined;
      if (role !== 'admin' && role !== 'unit' && role !== 'display') fail('--role must be admin, unit or display');
      const config = loadConfig(resolve(env.IOC_CONFIG ?? join(root, 'config/province.json')));
      if (role === 'unit' && !config.units.some((u) => u.id === values.unit)) {
        fail(`--unit must be a configured unit (e.g. ${config.units[0]?.id}), got "${values.unit ?? ''}"`);
      }
      if (role !== 'unit' && values.unit) fail('only unit tokens take --unit');
      let expiresAt: number | null;
      try {
        expiresAt = parseExpiry(values.expires, now, config.timezone);
      } catch (err) {
        fail(`--expires: ${(err as Error).message}`);
      }
      const { secret, record } = newToken({
        role,
        unit: values.unit ?? null,
        label: values.label ?? `${role}${values.unit ? ` ${values.unit}` : ''}`,
        expiresAt,
        now,
      });
      await store.commit({ tokens: [record], audit: [audit('tokens.create', record.id, `${role}${record.unit ? ` ${record.unit}` : ''}`)] });
      console.log(
        `created ${role} token ${record.id}${record.unit ? ` for ${record.unit}` : ''}${expiresAt ? `, expires ${new Date(expiresAt).toISOString()}` : ''}`,
      );
      console.log(`token (shown once, keep it safe): ${secret}`);
    } else if (command === 'list') {
      const tokens = await store.listTokens();
      if (!tokens.length) console.log('no tokens');
      for (const t of tokens.map((x) => publicToken(x, now))) {
        console.log(
          `${t.id}  ${t.state.padEnd(7)}  ${t.role.padEnd(7)}  ${(t.unit ?? '-').padEnd(12)}  ${t.label}  (created ${t.createdAt}${t.expiresAt ? `, expires ${t.expiresAt}` : ''})`,
        );
      }
    } else if (command === 'revoke') {
      if (!id) fail('revoke needs a token id (see list)');
      if (!(await store.listTokens()).some((t) => t.id === id && t.revokedAt === null)) fail(`no active token "${id}"`);
      await store.commit({ revoke: { [id]: now }, audit: [audit('tokens.revoke', id, null)] });
      console.log(`revoked ${id}`);
    } else {
      fail(command ? `unknown command "${command}"` : 'a command is needed');
    }
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  console.error(`token: ${(err as Error).message}`);
  process.exit(1);
});
