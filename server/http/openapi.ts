/** The OpenAPI 3.1 document of the REST API, generated from the zod schemas of server/protocol/routes.ts, at GET /api/openapi.json. */
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { apiErrorSchema, ROUTES, type ErrorStatus, type RouteSpec } from '../protocol/routes.js';

const ERROR_MEANING: Record<ErrorStatus, string> = {
  400: 'Not valid (validation_failed names each row and field; bad_request)',
  401: 'No token, or an unknown, expired or revoked one (unauthorized)',
  403: 'The token does not allow this (forbidden, writes_disabled)',
  404: 'Nothing there (not_found)',
  409: 'This Idempotency-Key was used for another body (conflict)',
  413: 'The body is too large (payload_too_large)',
  415: 'Send the body as application/json (unsupported_media_type)',
  429: 'Too many requests (rate_limited)',
  503: 'The database or the exporter is unavailable; nothing was stored (store_unavailable, export_unavailable)',
};

/** A route as fastify registered it (HEAD routes and hidden ones included). */
export interface ApiRoute {
  method: string;
  url: string;
  hidden: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the document was set up, for the test that each is documented. */
    apiRoutes: readonly ApiRoute[];
  }
}

const SECURITY = { none: undefined, read: [{}, { bearer: [] }], write: [{ bearer: [] }], admin: [{ bearer: [] }] } as const;

/**
 * A route's fastify schema from its contract: body, query, params, headers, the answer and
 * every error status (each an ApiError). Attached where the route is declared.
 */
export function schemaOf(s: RouteSpec): FastifySchema & Record<string, unknown> {
  const ok = s.produces
    ? { description: s.summary, content: Object.fromEntries(s.produces.map((t) => [t, { schema: s.reply }])) }
    : s.reply.describe(s.summary);
  return {
    summary: s.summary,
    tags: [...s.tags],
    ...(s.body && { body: s.body }),
    ...(s.consumes && { consumes: [...s.consumes] }),
    ...(s.query && { querystring: s.query }),
    ...(s.params && { params: s.params }),
    ...(s.headers && { headers: s.headers }),
    ...(SECURITY[s.auth] && { security: SECURITY[s.auth] }),
    response: {
      [s.status ?? 200]: ok,
      ...Object.fromEntries(s.errors.map((code) => [code, apiErrorSchema.describe(ERROR_MEANING[code])])),
      500: apiErrorSchema.describe('Something went wrong on the server; it has been logged (internal)'),
    },
  };
}

/** Route schemas describe, they do not check: handlers check their input with the same zod schemas. */
export function schemasDescribeOnly(http: FastifyInstance): void {
  http.setValidatorCompiler(() => (value) => ({ value }));
  http.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/**
 * Sets up the document (before any route, so that each is seen) and serves it. Routes check
 * their input themselves with these same schemas (every problem named, refusals audited), so
 * fastify neither validates nor serializes by schema: the schemas here describe.
 */
export async function registerOpenApi(http: FastifyInstance, version: string): Promise<void> {
  const routes: ApiRoute[] = [];
  http.decorate('apiRoutes', routes);
  http.addHook('onRoute', (r) => {
    const schema = r.schema as { hide?: boolean } | undefined;
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, hidden: schema?.hide === true });
  });
  schemasDescribeOnly(http);
  await http.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'IOC deadline-risk wall API',
        version,
        description: 'Readings, reports and targets in; the deadline-risk state out. Errors are {"error":{"code","message","details"}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /api/tokens or IOC_ADMIN_TOKEN' } } },
    },
    transform: jsonSchemaTransform,
  });
  http.get('/api/openapi.json', { schema: schemaOf(ROUTES.openapi) }, async () => http.swagger());
}
