import type { ApiError } from '../../server/protocol/index.js';

/** A call that failed: the HTTP status (0 when the server could not be reached in time) and what the server said. */
export class HttpError extends Error {
  readonly status: number;
  readonly error: ApiError['error'];
  constructor(status: number, error: ApiError['error']) {
    super(error.message);
    this.status = status;
    this.error = error;
  }
}

/** What a form shows: the data, or the refusal in the server's words. */
export type Result<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError['error'] };

export interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Sent as JSON. */
  body?: object;
  /** Sent as it is, with its content type and its name (`x-filename`). */
  file?: { data: Blob; type: string; name: string };
  /** The caller's cancel (a newer request won); rethrown as the AbortError it is. */
  signal?: AbortSignal;
  /** A hung server must not hang a screen. */
  timeoutMs?: number;
}

const UNREACHABLE: ApiError['error'] = { code: 'internal', message: 'the server cannot be reached' };

/**
 * The web app's one HTTP client: every fetch of the app goes through it. It adds the bearer
 * token (the read token, or an admin's), a time limit and the caller's cancel, and turns a
 * refusal into an HttpError carrying the server's `{ code, message, details }`.
 */
export class Http {
  readonly #token: string | null;
  readonly #fetch: typeof fetch;

  constructor(token: string | null, fetchFn: typeof fetch = (...a) => fetch(...a)) {
    this.#token = token;
    this.#fetch = fetchFn;
  }

  /** The answer when it is 2xx; otherwise an HttpError. */
  async response(path: string, o: CallOptions = {}): Promise<Response> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), o.timeoutMs ?? 15_000);
    const cancel = () => ctl.abort();
    o.signal?.addEventListener('abort', cancel, { once: true });
    const headers: Record<string, string> = this.#token ? { authorization: `Bearer ${this.#token}` } : {};
    let body: BodyInit | undefined;
    if (o.file) [headers['content-type'], headers['x-filename'], body] = [o.file.type, encodeURIComponent(o.file.name), o.file.data];
    else if (o.body) [headers['content-type'], body] = ['application/json', JSON.stringify(o.body)];
    try {
      const res = await this.#fetch(path, { method: o.method ?? (body ? 'POST' : 'GET'), headers, ...(body && { body }), signal: ctl.signal });
      if (!res.ok)
        throw new HttpError(res.status, ((await res.json().catch(() => null)) as ApiError | null)?.error ?? { code: 'internal', message: String(res.status) });
      return res;
    } catch (err) {
      if (err instanceof HttpError || o.signal?.aborted) throw err;
      throw new HttpError(0, UNREACHABLE);
    } finally {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', cancel);
    }
  }

  async json<T>(path: string, o?: CallOptions): Promise<T> {
    return (await (await this.response(path, o)).json()) as T;
  }

  async blob(path: string, o?: CallOptions): Promise<Blob> {
    return (await this.response(path, o)).blob();
  }

  /** Never throws for a refusal or an unreachable server: for forms that say what went wrong. */
  async result<T>(path: string, o?: CallOptions): Promise<Result<T>> {
    try {
      return { ok: true, data: await this.json<T>(path, o) };
    } catch (err) {
      if (err instanceof HttpError) return { ok: false, status: err.status, error: err.error };
      throw err;
    }
  }
}
