/** Test support for the Store contracts: imported by their files only. */
import { afterAll, afterEach } from 'vitest';
import type { StoreFactory } from './contract.js';
import type { Store } from './store.js';

/**
 * Inside a `describe`: `start()` opens a store on an empty database for the test (closed after
 * it), stamped by `clock.now`, which the test may move; the factory is done after the last test.
 */
export function freshStores(factory: StoreFactory, t0: number): { start(): Promise<Store>; clock: { now: number } } {
  const clock = { now: t0 };
  let open: Store | null = null;
  afterEach(async () => {
    await open?.close();
    open = null;
  });
  afterAll(async () => factory.done?.());
  return {
    clock,
    async start() {
      clock.now = t0;
      await factory.fresh();
      return (open = await factory.open(() => clock.now));
    },
  };
}
