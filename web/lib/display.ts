/**
 * This screen's display id: `?display=` in the URL, else one made up once per window and kept
 * in sessionStorage (two kiosk windows on one PC are two walls; a reload keeps the id).
 */
export function displayId(params: URLSearchParams, storage: Storage): string {
  const given = params.get('display');
  if (given && /^[A-Za-z0-9._-]{1,64}$/.test(given)) return given;
  let id = storage.getItem('ioc.display');
  if (!id) {
    id = `wall-${Math.random().toString(36).slice(2, 8)}`;
    storage.setItem('ioc.display', id);
  }
  return id;
}
