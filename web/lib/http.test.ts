import { afterEach, describe, expect, it, vi } from 'vitest';
import { Http, HttpError } from './http.js';

type Call = { path: string; init: RequestInit };

/** A fetch that records its calls and answers what `answer` says. */
function fakeFetch(answer: (c: Call) => Promise<Response> | Response) {
  const calls: Call[] = [];
  const fn = ((path: string, init: RequestInit) => {
    calls.push({ path, init });
    return Promise.resolve(answer({ path, init }));
  }) as unknown as typeof fetch;
  return { fn, calls };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.useRealTimers());

describe('Http (the one client of the web app)', () => {
  it('sends the token, JSON bodies and files, and reads JSON', async () => {
    const f = fakeFetch(() => json(200, { accepted: 1 }));
    const http = new Http('secret', f.fn);
    expect(await http.json('/api/state')).toEqual({ accepted: 1 });
    await http.json('/api/targets', { body: { indicator: 'x' } });
    await http.json('/api/import', { file: { data: new Blob(['a,b']), type: 'text/csv', name: 'số liệu.csv' } });
    const [get, post, upload] = f.calls as [Call, Call, Call];
    expect(get.init.method).toBe('GET');
    expect(get.init.headers).toEqual({ authorization: 'Bearer secret' });
    expect(post.init.method).toBe('POST');
    expect(post.init.body).toBe('{"indicator":"x"}');
    expect(post.init.headers).toMatchObject({ 'content-type': 'application/json' });
    expect(upload.init.headers).toMatchObject({ 'content-type': 'text/csv', 'x-filename': encodeURIComponent('số liệu.csv') });
  });

  it('sends no authorization without a token', async () => {
    const f = fakeFetch(() => json(200, {}));
    await new Http(null, f.fn).json('/api/geo');
    expect(f.calls[0]!.init.headers).toEqual({});
  });

  it("turns a refusal into an HttpError with the server's code, message and details", async () => {
    const error = { code: 'validation_failed', message: 'row 2: value', details: [{ row: 2, field: 'value', problem: 'type', message: 'not a number' }] };
    const http = new Http('t', fakeFetch(() => json(400, { error })).fn);
    const err = await http.json('/api/readings', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 400, error, message: 'row 2: value' });
    expect(await http.result('/api/readings', { body: {} })).toEqual({ ok: false, status: 400, error });
  });

  it('says the server cannot be reached (status 0) when the network fails or the time limit passes', async () => {
    const down = new Http(null, fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).fn);
    expect(await down.result('/api/state')).toMatchObject({ ok: false, status: 0, error: { code: 'internal' } });
    vi.useFakeTimers();
    const hung = new Http(
      null,
      fakeFetch(
        ({ init }) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      ).fn,
    );
    const pending = hung.json('/api/state', { timeoutMs: 5000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await pending).toMatchObject({ status: 0 });
  });

  it("rethrows the caller's own cancel as it is, not as a server failure", async () => {
    const ctl = new AbortController();
    const f = fakeFetch(
      ({ init }) => new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );
    const pending = new Http(null, f.fn).json('/api/units/x', { signal: ctl.signal }).catch((e: unknown) => e);
    ctl.abort();
    const err = await pending;
    expect(err).not.toBeInstanceOf(HttpError);
    expect((err as DOMException).name).toBe('AbortError');
  });
});
