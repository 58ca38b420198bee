/**
 * maplibre's worker for the app's style, which has no source, glyphs or sprite (style.ts):
 * maplibre always starts a worker and awaits its answers (set the layers, the images, a ping),
 * but nothing here ever needs tiles parsed, so every request is answered with nothing. Its own
 * worker (148 kB gzipped) would otherwise load on every wall for work it never does.
 */

/** What maplibre's actor posts (util/actor.ts): a request to answer, a response, or a cancel. */
interface ActorMessage {
  id?: string;
  type?: string;
}

addEventListener('message', (e: MessageEvent<ActorMessage>) => {
  const { id, type } = e.data ?? {};
  if (!id || type === '<response>' || type === '<cancel>') return;
  // The shape of maplibre's own answer (Actor.completeTask): no error, no data.
  postMessage({ id, type: '<response>', origin: location.origin, sourceMapId: null, error: null, data: null });
});
