import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite.js';

describe('sign-in links in the SQLite store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ioc-signin-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const link = { hash: 'a'.repeat(64), unit: 'tam-ky', createdAt: 1000, expiresAt: 5000, createdBy: 'env-admin', usedAt: null };

  it('a code is claimed once, and never after it expires', async () => {
    const s = openSqliteStore(dir);
    await s.saveSigninLink(link);
    await s.saveSigninLink({ ...link, hash: 'b'.repeat(64) });
    expect(await s.claimSigninLink('a'.repeat(64), 2000)).toBe('tam-ky');
    expect(await s.claimSigninLink('a'.repeat(64), 2001)).toBeNull();
    expect(await s.claimSigninLink('b'.repeat(64), 5000)).toBeNull();
    expect(await s.claimSigninLink('c'.repeat(64), 2000)).toBeNull();
    await s.close();
  });
});
