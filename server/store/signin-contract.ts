/** The sign-in links part of the Store contract: SQLite in `npm test`, PostgreSQL in `npm run test:cluster`. Imported by test files only. */
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreFactory } from './contract.js';
import type { Store } from './store.js';

/** Run the sign-in links contract against a store factory. */
export function signinContract(name: string, factory: StoreFactory): void {
  describe(`${name} sign-in links`, () => {
    /** A fresh store for one test, closed after it. */
    const fresh = (fn: (store: Store) => Promise<void>) => async () => {
      await factory.fresh();
      const store = await factory.open(() => 5000);
      try {
        await fn(store);
      } finally {
        await store.close();
      }
    };
    afterAll(async () => factory.done?.());
    const link = { hash: 'a'.repeat(64), unit: 'tam-ky', createdAt: 1000, expiresAt: 5000, createdBy: 'env-admin', usedAt: null };

    it(
      'a code is claimed once, never after it expires, never when unknown',
      fresh(async (store) => {
        await store.commit({ signinLinks: [link, { ...link, hash: 'b'.repeat(64) }] });
        expect(await store.claimSigninLink('a'.repeat(64), 2000)).toBe('tam-ky');
        expect(await store.claimSigninLink('a'.repeat(64), 2001)).toBeNull();
        expect(await store.claimSigninLink('b'.repeat(64), 5000)).toBeNull();
        expect(await store.claimSigninLink('c'.repeat(64), 2000)).toBeNull();
      }),
    );

    it(
      'a link is written with its audit entry, or not at all',
      fresh(async (store) => {
        await expect(store.commit({ signinLinks: [link, link] })).rejects.toThrow();
        expect(await store.claimSigninLink(link.hash, 2000)).toBeNull();
      }),
    );

    it(
      'two racing claims of one code: one wins',
      fresh(async (store) => {
        await store.commit({ signinLinks: [link] });
        const both = await Promise.all([store.claimSigninLink(link.hash, 2000), store.claimSigninLink(link.hash, 2000)]);
        expect(both.filter((u) => u !== null)).toEqual(['tam-ky']);
      }),
    );
  });
}
