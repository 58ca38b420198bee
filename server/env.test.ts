import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('environment', () => {
  it('has defaults for everything', () => {
    expect(readEnv({})).toMatchObject({ PORT: 8080, HOST: '127.0.0.1', IOC_DEMO: '1', IOC_TICK_MS: 5000, LOG_LEVEL: 'info' });
  });
  it('reads numbers and treats an empty token as none', () => {
    expect(readEnv({ PORT: '0', IOC_TICK_MS: '0', IOC_DEMO_SPEED: '60', IOC_ADMIN_TOKEN: '' })).toMatchObject({ PORT: 0, IOC_TICK_MS: 0, IOC_DEMO_SPEED: 60, IOC_ADMIN_TOKEN: undefined });
  });
  it.each([
    [{ IOC_TICK_MS: '5s' }, 'environment: IOC_TICK_MS: expected a whole number (got "5s")'],
    [{ IOC_TICK_MS: '10' }, 'environment: IOC_TICK_MS: expected 0 (off) or at least 250 (got "10")'],
    [{ IOC_DEMO_SPEED: 'abc' }, 'environment: IOC_DEMO_SPEED: expected a number (got "abc")'],
    [{ PORT: '99999' }, 'environment: PORT: expected at most 65535 (got "99999")'],
    [{ IOC_DEMO: 'yes' }, 'environment: IOC_DEMO: expected 0 or 1 (got "yes")'],
    [{ IOC_ADMIN_TOKEN: 'short' }, 'environment: IOC_ADMIN_TOKEN: expected a token of at least 12 characters'],
  ])('names the variable and what was expected: %o', (env, message) => {
    expect(() => readEnv(env)).toThrow(message);
  });
  it('never echoes a token', () => {
    expect(() => readEnv({ IOC_ADMIN_TOKEN: 'short' })).toThrow(/^((?!short).)*$/s);
  });
});
