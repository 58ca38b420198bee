import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../protocol/errors.js';
import { asOfQuerySchema } from '../protocol/history.js';
import { launch } from './chromium.js';

export interface ExportDeps {
  /** Whether this server serves the web app (the exporter renders it). */
  servesWeb: boolean;
}

const querySchema = z.strictObject({
  asOf: asOfQuerySchema.shape.asOf.unwrap(),
  lang: z.enum(['vi', 'en']).default('vi'),
  slide: z.coerce.number().int().min(0).max(500).default(0),
  width: z.coerce.number().int().min(640).max(7680).default(1920),
  height: z.coerce.number().int().min(360).max(4320).default(1080),
});

const unavailable = (message: string): ApiError => ({ error: { code: 'export_unavailable', message } });

/** The loopback address of this server, as its own headless browser reaches it. */
function selfUrl(req: FastifyRequest): string {
  const a = req.server.server.address();
  if (!a || typeof a === 'string') throw new Error('the server does not listen on TCP');
  const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
}

/**
 * Briefing exports, rendered by the server in headless Chromium from the same frozen instant
 * the presenter sees (`asOf`): a PNG of one slide, or a PDF with every slide as a page. One
 * export at a time; a missing browser is a clear 503, never a stack trace.
 */
export function registerExport(http: FastifyInstance, deps: ExportDeps, read: RouteShorthandOptions): void {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };

  http.get<{ Params: { format: string } }>('/api/export/briefing.:format', read, async (req, reply) => {
    const format = req.params.format;
    if (format !== 'pdf' && format !== 'png') return reply.code(404).send({ error: { code: 'not_found', message: 'Exports are briefing.pdf and briefing.png.' } } satisfies ApiError);
    const q = querySchema.safeParse(req.query);
    if (!q.success) {
      const details = q.error.issues.map((i) => ({ field: i.path.join('.') || 'query', problem: i.code, message: i.message }));
      return reply.code(400).send({ error: { code: 'validation_failed', message: `The export request is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}.`, details } } satisfies ApiError);
    }
    if (!deps.servesWeb) return reply.code(503).send(unavailable('This server does not serve the web app, so it cannot render exports.'));
    const { asOf, lang, slide, width, height } = q.data;
    const auth = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? (req.query as { token?: string }).token;
    const page = new URLSearchParams({ mode: 'briefing', print: '1', asOf, lang, ...(auth && { token: auth }) });
    const url = `${selfUrl(req)}/?${page}`;
    try {
      const body = await serial(async () => {
        const browser = await launch({ width, height });
        try {
          const tab = browser.context.pages()[0] ?? (await browser.context.newPage());
          await tab.goto(url);
          await tab.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
          if (format === 'pdf') return await tab.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
          const slides = tab.locator('[data-testid=slide]');
          const n = await slides.count();
          if (slide >= n) return null;
          return await slides.nth(slide).screenshot({ type: 'png' });
        } finally {
          await browser.close();
        }
      });
      if (body === null) return reply.code(400).send({ error: { code: 'validation_failed', message: `slide: this briefing has fewer than ${slide + 1} slides.`, details: [{ field: 'slide', problem: 'too_big', message: 'no such slide' }] } } satisfies ApiError);
      const name = `giao-ban-${asOf.slice(0, 10)}${format === 'png' ? `-${slide + 1}` : ''}.${format}`;
      return reply
        .header('content-type', format === 'pdf' ? 'application/pdf' : 'image/png')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    } catch (err) {
      req.log.error({ err }, 'briefing export failed');
      return reply.code(503).send(unavailable('The export could not be rendered (is Chromium installed? set IOC_CHROMIUM); it has been logged.'));
    }
  });
}
