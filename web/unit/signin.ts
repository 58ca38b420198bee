/** Where the unit page keeps its session: this tab only (sessionStorage), never a URL. */
const KEY = 'ioc.unit';

/** The one-time code in `#code=…` (the fragment never reaches a server), or null. */
export const codeInHash = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('code');

export interface UnitSessionStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

/** The unit token of this tab. */
export function unitSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = sessionStorage): UnitSessionStore {
  return { get: () => storage.getItem(KEY), set: (t) => storage.setItem(KEY, t), clear: () => storage.removeItem(KEY) };
}
