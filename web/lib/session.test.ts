import { describe, expect, it } from 'vitest';
import { Session, type SessionEnv } from './session.svelte.js';

const env = (search: string, stored: Record<string, string> = {}): SessionEnv & { stored: Record<string, string> } => ({
  search,
  stored,
  local: { getItem: (k) => stored[k] ?? null, setItem: (k, v) => void (stored[k] = v) },
  root: { lang: '' },
});

describe('Session (what every mode shares)', () => {
  it('keeps a read token given once in the URL, and finds it again without it', () => {
    const e = env('?token=abc&mode=touch');
    expect(new Session(e).token).toBe('abc');
    expect(new Session(env('?mode=touch', e.stored)).token).toBe('abc');
    expect(new Session(env('')).token).toBeNull();
  });

  it('takes the language from ?lang=, else the last one chosen, else Vietnamese; the page follows', () => {
    expect(new Session(env('')).lang).toBe('vi');
    expect(new Session(env('', { 'ioc.lang': 'en' })).lang).toBe('en');
    expect(new Session(env('?lang=vi', { 'ioc.lang': 'en' })).lang).toBe('vi');
    const e = env('');
    const s = new Session(e);
    expect(e.root.lang).toBe('vi');
    s.toggleLang();
    expect([s.lang, e.root.lang, e.stored['ioc.lang']]).toEqual(['en', 'en', 'en']);
  });
});
