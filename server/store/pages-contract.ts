/** The readings' paging part of the Store contract (boot streams them): SQLite in `npm test`, PostgreSQL in `npm run test:cluster`. Imported by test files only. */
import { describe, expect, it } from 'vitest';
import { freshStores } from './contract-stores.js';
import { reading, type StoreFactory } from './contract.js';
import type { EngineReading } from './rows.js';
import { readingPages } from './store.js';

const all = async (pages: AsyncIterable<EngineReading[]>): Promise<EngineReading[][]> => {
  const out: EngineReading[][] = [];
  for await (const p of pages) out.push(p);
  return out;
};
const key = (r: EngineReading) => `${r.at}|${r.unit}|${r.indicator}|${r.value}`;

/** Run the reading pages contract against a store factory. */
export function readingPagesContract(name: string, factory: StoreFactory): void {
  describe(`${name} reading pages`, () => {
    const { start, clock } = freshStores(factory, 1_000);

    it('every stored reading once, in key order, in pages of at most the limit; a correction shows its new value', async () => {
      const s = await start();
      const rows = [
        reading({ unit: 'b', indicator: 'x', at: 2_000, value: 1 }),
        reading({ unit: 'a', indicator: 'y', at: 2_000, value: 2 }),
        reading({ unit: 'a', indicator: 'x', at: 2_000, value: 3 }),
        reading({ unit: 'a', indicator: 'x', at: 1_000, value: 4 }),
        reading({ unit: 'c', indicator: 'x', at: 3_000, value: 5 }),
        reading({ unit: 'a', indicator: 'x', at: 4_000, value: 6 }),
        reading({ unit: 'b', indicator: 'y', at: 500, value: 7 }),
      ];
      await s.insertReadings(rows);
      await s.insertReadings([reading({ unit: 'a', indicator: 'y', at: 2_000, value: 20 })]);
      const pages = await all(readingPages(s, undefined, 3));
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat().map(key)).toEqual(['500|b|y|7', '1000|a|x|4', '2000|a|x|3', '2000|a|y|20', '2000|b|x|1', '3000|c|x|5', '4000|a|x|6']);
      // A full last page ends with one more (empty) read, not an empty page; an empty store has none.
      expect((await all(readingPages(s, undefined, 7))).map((p) => p.length)).toEqual([7]);
      await factory.fresh();
      const empty = await factory.open(() => 1_000);
      expect(await all(readingPages(empty, undefined, 3))).toEqual([]);
      await empty.close();
    });

    it('a reading written between two pages with a key after the first page is read in a later one', async () => {
      const s = await start();
      await s.insertReadings([1, 2, 3, 4].map((k) => reading({ at: k * 1_000, value: k })));
      const seen: EngineReading[] = [];
      for await (const p of readingPages(s, undefined, 2)) {
        if (!seen.length) await s.insertReadings([reading({ at: 5_000, value: 5 })]);
        seen.push(...p);
      }
      expect(seen.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    });

    it('a filter keeps those taken by an instant and, unless null, received by another (the time machine)', async () => {
      const s = await start();
      await s.insertReadings([reading({ at: 100, value: 1 }), reading({ at: 200, value: 2 })]);
      clock.now = 5_000;
      await s.insertReadings([reading({ at: 150, value: 3 })]);
      const values = async (filter: { at: number; receivedAt: number | null }) => (await all(readingPages(s, filter, 1))).flat().map((r) => r.value);
      expect(await values({ at: 180, receivedAt: 2_000 })).toEqual([1]);
      expect(await values({ at: 180, receivedAt: null })).toEqual([1, 3]);
      expect(await values({ at: 200, receivedAt: 5_000 })).toEqual([1, 3, 2]);
    });
  });
}
