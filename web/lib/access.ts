/**
 * The read token for provinces that require one (config access.read = "token"): given once as
 * `?token=…` in the wall's URL, then kept in localStorage so the address can be shortened.
 */
export function readToken(params: URLSearchParams, storage: Storage): string | null {
  const given = params.get('token');
  if (given) storage.setItem('ioc.token', given);
  return given ?? storage.getItem('ioc.token');
}

/** fetch() with the read token, when there is one. */
export function readFetch(path: string, token: string | null, signal?: AbortSignal): Promise<Response> {
  return fetch(path, { ...(token && { headers: { authorization: `Bearer ${token}` } }), ...(signal && { signal }) });
}
