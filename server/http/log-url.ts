/** What of a request's URL may be logged: its path and the names of its query parameters, never their values (a token may travel as `?token=`). */
export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = [...new URLSearchParams(url.slice(q + 1)).keys()];
  return `${url.slice(0, q)}${names.length ? `?${names.map((n) => `${n}=…`).join('&')}` : ''}`;
}
