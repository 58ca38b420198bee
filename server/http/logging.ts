/** Structured logs (fastify's pino) with a request id on every line a request caused, and never a secret. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Logger } from 'pino';

/** Where log lines go in a test (one JSON line per write); the server writes to stdout. */
export interface LogStream {
  write(line: string): void;
}

/** The logger option of the app: off, on, or a level (and, in tests, a stream). */
export type LogOption = boolean | { level: string; stream?: LogStream };

/** The field every log line and audit entry carries the request id in. */
export const REQUEST_ID_LABEL = 'requestId';

// What nginx sends ($request_id: 32 hex) or any sane upstream id; anything else is replaced.
const VALID_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's id: a valid incoming `x-request-id` (from nginx), or a new one. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && VALID_ID.test(given) ? given : randomUUID();
}

// Tokens in query strings (`?token=`, `access_token=`), bearer credentials and secret-named fields.
const SECRET_QUERY = /([?&](?:access_)?token=)[^&\s"]*/gi;
const BEARER = /(bearer\s+)[^\s"]+/gi;
const SECRET_KEY = /^(authorization|cookie|token|secret|password|x-api-key)$/i;

/** A string with its secrets replaced by `[redacted]`. */
const scrubText = (s: string): string => s.replace(SECRET_QUERY, '$1[redacted]').replace(BEARER, '$1[redacted]');

/** A value with every secret replaced by `[redacted]` (log objects, messages, URLs). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: scrub(value.message), stack: scrub(value.stack) };
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : scrub(v, depth + 1)]));
}

/**
 * The request whose work is running now (a route, and what it awaits: store writes, the
 * recompute it publishes), so that log lines written outside `req.log` carry its id too.
 */
const current = new AsyncLocalStorage<string>();

/** Fastify options for logging and request ids (spread into `Fastify({...})`). */
export function loggingOptions(logger: LogOption): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  const base = {
    // Lines from work a request caused carry its id, unless the line's logger already has it.
    mixin: (_o: object, _l: number, log: Logger) => {
      const id = current.getStore();
      return id !== undefined && !(REQUEST_ID_LABEL in log.bindings()) ? { [REQUEST_ID_LABEL]: id } : {};
    },
    serializers: {
      req: (r: { method?: string; url?: string; ip?: string }) => ({ method: r.method, url: r.url === undefined ? undefined : scrubText(r.url), ip: r.ip }),
    },
    // Every argument of every line (objects, messages) is scrubbed before pino writes it.
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: Logger['info']) {
        return method.apply(this, args.map((a) => scrub(a)) as Parameters<Logger['info']>);
      },
    },
  };
  return {
    logger: logger === false ? false : { ...(logger === true ? {} : logger), ...base },
    genReqId: requestIdOf,
    requestIdHeader: false,
  };
}

/** Runs each request in its id's context and answers the id in `x-request-id` (nginx logs it beside its own). */
export function registerRequestIds(http: FastifyInstance): void {
  http.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    current.run(req.id, done);
  });
}
