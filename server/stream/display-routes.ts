import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { auditOf, guard, type GuardDeps } from '../auth/guard.js';
import { invalid, issueDetails } from '../http/boundary.js';
import { schemaOf } from '../http/openapi.js';
import { displayCommandSchema, ROUTES } from '../protocol/routes.js';
import type { DisplayCommand, DisplayStatus } from '../protocol/display.js';
import type { DisplayRegistry } from './displays.js';

export interface DisplayRouteDeps extends GuardDeps {
  displays: DisplayRegistry;
  playlists: readonly string[];
  /** Scenes in a playlist (0 for an unknown one). */
  sceneCount(playlist: string): number;
  command(id: string | null, c: DisplayCommand): number;
}

/**
 * Remote control of walls (admin only): GET /api/displays lists them; POST
 * /api/displays/:id/commands (or /api/displays/commands for all) reloads one, or switches its
 * scene or playlist.
 */
export function registerDisplayRoutes(app: FastifyInstance, deps: DisplayRouteDeps): void {
  app.get<{ Reply: { displays: DisplayStatus[] } }>(
    '/api/displays',
    { onRequest: guard(deps, 'admin', 'displays.list'), schema: schemaOf(ROUTES.displays) },
    async () => ({
      displays: deps.displays.list(),
    }),
  );

  const send = (id: string | null, body: unknown) => {
    const parsed = displayCommandSchema.safeParse(body);
    if (!parsed.success) {
      const first = issueDetails(parsed.error.issues.slice(0, 1), 'kind');
      return { status: 400, body: invalid('Expected {"kind":"reload"}, {"kind":"scene","scene":N} or {"kind":"playlist","playlist":NAME}.', first) };
    }
    if (parsed.data.kind === 'playlist' && !deps.playlists.includes(parsed.data.playlist)) {
      return {
        status: 400,
        body: invalid(`Unknown playlist; expected one of ${deps.playlists.join(', ')}.`, [
          { field: 'playlist', problem: 'unknown_playlist', message: `unknown playlist "${parsed.data.playlist}"` },
        ]),
      };
    }
    if (id !== null && !deps.displays.has(id)) return { status: 404, body: { error: { code: 'not_found', message: `No display "${id}" has connected.` } } };
    if (id !== null && parsed.data.kind === 'scene') {
      // The playlist name is the wall's own report: only a configured one counts (never `constructor`).
      const playlist = deps.displays.get(id)!.playlist;
      const count = deps.playlists.includes(playlist) ? deps.sceneCount(playlist) : 0;
      if (parsed.data.scene >= count) {
        return {
          status: 400,
          body: invalid(`That wall's playlist has ${count} scenes (0 to ${count - 1}).`, [
            { field: 'scene', problem: 'out_of_range', message: `expected 0 to ${count - 1}` },
          ]),
        };
      }
    }
    return { status: 200, body: { delivered: deps.command(id, parsed.data) } };
  };

  const handle = async (req: FastifyRequest, reply: FastifyReply, id: string | null) => {
    const r = send(id, req.body);
    const kind = (req.body as { kind?: unknown } | null)?.kind;
    // The command has gone (or not) whatever the store does: the answer says what happened to it.
    await deps.store
      .appendAudit(
        auditOf(req, 'displays.command', deps.systemNow, {
          target: id ?? 'all',
          status: r.status,
          outcome: r.status === 200 ? 'accepted' : 'refused',
          detail: typeof kind === 'string' ? kind.slice(0, 20) : null,
        }),
      )
      .catch((err: unknown) => req.log.error({ err }, 'display command answered but its audit entry was not stored'));
    return reply.code(r.status).send(r.body);
  };
  app.post<{ Params: { id: string } }>(
    '/api/displays/:id/commands',
    { onRequest: guard(deps, 'admin', 'displays.command'), schema: schemaOf(ROUTES.command) },
    (req, reply) => handle(req, reply, req.params.id),
  );
  app.post('/api/displays/commands', { onRequest: guard(deps, 'admin', 'displays.command'), schema: schemaOf(ROUTES.commandAll) }, (req, reply) =>
    handle(req, reply, null),
  );
}
