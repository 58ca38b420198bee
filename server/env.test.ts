import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('environment', () => {
  it('has defaults for everything', () => {
    expect(readEnv({})).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', IOC_DEMO: '1', IOC_TICK_MS: 5000, LOG_LEVEL: 'info' });
  });
  it('reads numbers and treats an empty token as none', () => {
    expect(readEnv({ PORT: '0', IOC_TICK_MS: '0', IOC_DEMO_SPEED: '60', IOC_ADMIN_TOKEN: '' })).toMatchObject({
      PORT: 0,
      IOC_TICK_MS: 0,
      IOC_DEMO_SPEED: 60,
      IOC_ADMIN_TOKEN: undefined,
    });
  });
  it.each([
    [{ IOC_TICK_MS: '5s' }, 'environment: IOC_TICK_MS: expected a whole number (got "5s")'],
    [{ IOC_TICK_MS: '10' }, 'environment: IOC_TICK_MS: expected 0 (off) or at least 250 (got "10")'],
    [{ IOC_DEMO_SPEED: 'abc' }, 'environment: IOC_DEMO_SPEED: expected a number (got "abc")'],
    [{ PORT: '99999' }, 'environment: PORT: expected at most 65535 (got "99999")'],
    [{ IOC_DEMO: 'yes' }, 'environment: IOC_DEMO: expected 0 or 1 (got "yes")'],
    [{ IOC_ADMIN_TOKEN: 'short' }, 'environment: IOC_ADMIN_TOKEN: expected a token of at least 12 characters'],
    [{ REDIS_URL: 'localhost:6379' }, 'environment: REDIS_URL: expected redis://host:port'],
    [{ REDIS_URL: 'redis://r:6379' }, 'environment: REDIS_URL: needs DATABASE_URL (the nodes that share Redis share a PostgreSQL database)'],
    [{ IOC_TRUST_PROXY: 'nginx' }, 'environment: IOC_TRUST_PROXY: expected proxy addresses or CIDRs, comma-separated (got "nginx")'],
  ])('names the variable and what was expected: %o', (env, message) => {
    expect(() => readEnv(env)).toThrow(message);
  });
  it('never echoes a token, nor a database URL (it may hold a password)', () => {
    expect(() => readEnv({ IOC_ADMIN_TOKEN: 'short' })).toThrow(/^((?!short).)*$/s);
    expect(() => readEnv({ DATABASE_URL: 'mysql://u:secret@db/ioc' })).toThrow(/^environment: DATABASE_URL: expected postgres:\/\/user@host:port\/db$/);
  });
  it('reads the cluster settings', () => {
    expect(readEnv({ DATABASE_URL: 'postgresql://ioc@db:5432/ioc', REDIS_URL: 'redis://r:6379', IOC_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' })).toMatchObject({
      DATABASE_URL: 'postgresql://ioc@db:5432/ioc',
      REDIS_URL: 'redis://r:6379',
      IOC_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
    });
  });
});
