/** The reading versions part of the Store contract (a correction keeps what it replaced): SQLite in `npm test`, PostgreSQL in `npm run test:cluster`. Imported by test files only. */
import { describe, expect, it } from 'vitest';
import { freshStores } from './contract-stores.js';
import type { StoreFactory } from './contract.js';
import type { Source } from './rows.js';
import type { Store } from './store.js';

/** Run the reading versions contract against a store factory. */
export function readingVersionsContract(name: string, factory: StoreFactory): void {
  describe(`${name} reading versions`, () => {
    const { start, clock } = freshStores(factory, 1000);
    const point = (value: number, source: Source = 'api', submittedBy = 'a') => ({ unit: 'u', indicator: 'i', value, at: 500, source, submittedBy });
    const at = async (t: number, s: Store, ...rows: ReturnType<typeof point>[]) => {
      clock.now = t;
      await s.commit({ readings: rows });
    };

    it('a correction keeps the replaced row with when it was superseded; the same value again adds nothing', async () => {
      const s = await start();
      await at(1000, s, point(1));
      await at(2000, s, point(2, 'api', 'b'));
      await at(3000, s, point(2, 'api', 'c'));
      await at(4000, s, point(3, 'import', 'd'));
      expect((await s.listReadings()).map((r) => [r.value, r.receivedAt, r.submittedBy])).toEqual([[3, 4000, 'd']]);
      expect(await s.listReadingVersions()).toEqual([
        { unit: 'u', indicator: 'i', value: 1, at: 500, source: 'api', submittedBy: 'a', receivedAt: 1000, supersededAt: 2000 },
        { unit: 'u', indicator: 'i', value: 2, at: 500, source: 'api', submittedBy: 'b', receivedAt: 2000, supersededAt: 4000 },
      ]);
    });

    it('a refused batch keeps no version; starting a source over drops its versions', async () => {
      const s = await start();
      await at(1000, s, point(1, 'demo'));
      clock.now = 2000;
      await expect(s.commit({ readings: [point(2, 'demo'), { ...point(3), unit: null as unknown as string }] })).rejects.toThrow();
      expect(await s.listReadingVersions()).toEqual([]);
      await at(3000, s, point(2, 'demo'));
      expect(await s.listReadingVersions()).toHaveLength(1);
      await s.commit({ replaceSource: 'demo' });
      expect(await s.listReadingVersions()).toEqual([]);
    });
  });
}
