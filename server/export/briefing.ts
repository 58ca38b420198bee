import type { FastifyInstance, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { DataClock } from '../time/clock.js';
import type { ApiError } from '../protocol/errors.js';
import { invalid, issueDetails } from '../http/boundary.js';
import { parseAsOf } from '../http/as-of.js';
import { schemaOf } from '../http/openapi.js';
import { briefingQuerySchema, ROUTES } from '../protocol/routes.js';
import { toLocalIso } from '../time/local.js';
import { exportLauncher, type Browser } from './chromium.js';

export interface ExportDeps {
  /** Whether this server serves the web app (the exporter renders it). */
  servesWeb: boolean;
  dataClock: DataClock;
  timezone: string;
  /** How a browser is started (tests give a fake); default: Chromium, sandboxed where the machine allows. */
  launch?: (viewport: { width: number; height: number }, extra: { extraHTTPHeaders?: Record<string, string> }) => Promise<Browser>;
}

/** Exports one client (address) may ask for per minute: each one holds a headless browser for seconds. */
export const EXPORTS_PER_MINUTE = 6;

/** Exports rendered or waiting at once; more are refused (each one is a headless browser). */
const MAX_PENDING = 2;

const refuse = (code: ApiError['error']['code'], message: string, field?: string): ApiError => ({
  error: { code, message, ...(field && { details: [{ field, problem: 'invalid', message }] }) },
});

/** The loopback address of this server, as its own headless browser reaches it. */
function selfUrl(req: FastifyRequest): string {
  const a = req.server.server.address();
  if (!a || typeof a === 'string') throw new Error('the server does not listen on TCP');
  const host = a.address === '0.0.0.0' || a.address === '::' ? '127.0.0.1' : a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return `http://${host}:${a.port}`;
}

/**
 * Briefing exports, rendered by the server in headless Chromium from the same frozen instant
 * the presenter sees (`asOf`): a PNG of one slide, or a PDF with every slide as a page. At most
 * MAX_PENDING at a time; the page may fetch only from this server; the caller's token travels
 * as a header, never in a URL or a log. A missing browser is a clear 503, never a stack trace.
 */
export function registerExport(http: FastifyInstance, deps: ExportDeps, read: RouteShorthandOptions): void {
  const launch = deps.launch ?? exportLauncher((reason) => http.log.warn(reason));
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => {});
    return run;
  };

  const options = { ...read, schema: schemaOf(ROUTES.briefing), config: { rateLimit: { max: EXPORTS_PER_MINUTE, timeWindow: '1 minute' } } };
  http.get<{ Params: { format: string } }>('/api/export/briefing.:format', options, async (req, reply) => {
    const format = req.params.format;
    if (format !== 'pdf' && format !== 'png') return reply.code(404).send(refuse('not_found', 'Exports are briefing.pdf and briefing.png.'));
    const q = briefingQuerySchema.safeParse(req.query);
    if (!q.success) {
      const details = issueDetails(q.error.issues, 'query');
      return reply.code(400).send(invalid(`The export request is not valid: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}.`, details));
    }
    const asOf = parseAsOf({ asOf: q.data.asOf }, deps.timezone, deps.dataClock.now());
    if (!asOf.ok) return reply.code(400).send(asOf.error);
    if (!deps.servesWeb) return reply.code(503).send(refuse('export_unavailable', 'This server does not serve the web app, so it cannot render exports.'));
    if (pending >= MAX_PENDING) return reply.code(429).send(refuse('rate_limited', 'Exports are being rendered; try again in a minute.'));
    const { lang, slide, width, height } = q.data;
    const instant = toLocalIso(asOf.t!, deps.timezone);
    const base = selfUrl(req);
    const url = `${base}/?${new URLSearchParams({ mode: 'briefing', print: '1', asOf: instant, lang })}`;
    const auth = req.headers.authorization;
    // The asker hanging up stops the rendering: the browser is closed under it.
    const gone = new AbortController();
    reply.raw.once('close', () => reply.raw.writableFinished || gone.abort());
    pending++;
    try {
      const body = await serial(async () => {
        // The asker may have gone while waiting: do not render for nobody.
        if (gone.signal.aborted) return null;
        const browser = await launch({ width, height }, auth ? { extraHTTPHeaders: { authorization: auth } } : {});
        const stop = () => void browser.close().catch(() => {});
        gone.signal.addEventListener('abort', stop, { once: true });
        try {
          const tab = browser.context.pages()[0] ?? (await browser.context.newPage());
          // The renderer reaches this server only.
          await tab.route('**/*', (r) => (r.request().url().startsWith(`${base}/`) ? r.continue() : r.abort()));
          await tab.goto(url);
          await tab.waitForSelector('[data-testid=briefing][data-ready=true]', { timeout: 60_000 });
          if (format === 'pdf')
            return await tab.pdf({
              width: `${width}px`,
              height: `${height}px`,
              printBackground: true,
              margin: { top: '0', right: '0', bottom: '0', left: '0' },
            });
          const slides = tab.locator('[data-testid=slide]');
          if (slide > (await slides.count())) return 'no-slide' as const;
          return await slides.nth(slide - 1).screenshot({ type: 'png' });
        } finally {
          gone.signal.removeEventListener('abort', stop);
          await browser.close();
        }
      });
      if (body === null) return reply.code(503).send(refuse('export_unavailable', 'The request was closed before the export started.'));
      if (body === 'no-slide') return reply.code(400).send(refuse('validation_failed', `slide: this briefing has fewer than ${slide} slides.`, 'slide'));
      const name = `${lang === 'vi' ? 'giao-ban' : 'briefing'}-${instant.slice(0, 10)}${format === 'png' ? `-${slide}` : ''}.${format}`;
      return reply
        .header('content-type', format === 'pdf' ? 'application/pdf' : 'image/png')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    } catch (err) {
      if (gone.signal.aborted) req.log.info('briefing export abandoned by its client: rendering stopped');
      else req.log.error({ err: { message: (err as Error).message.replace(/Bearer\s+\S+/g, 'Bearer …') } }, 'briefing export failed');
      return reply
        .code(503)
        .send(refuse('export_unavailable', 'The export could not be rendered (is Chromium installed? set IOC_CHROMIUM); it has been logged.'));
    } finally {
      pending--;
    }
  });
}
