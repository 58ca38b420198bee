/** Security headers on every answer (issue 17 item 9): a CSP that allows only this origin, nosniff, Referrer-Policy. */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Who may frame the web app (CSP frame-ancestors): `IOC_FRAME_ANCESTORS`, space-separated
 * (e.g. `'self' https://portal.example.gov.vn`), or `'self'` only.
 */
export function frameAncestors(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.IOC_FRAME_ANCESTORS ?? '').split(/\s+/).filter(Boolean);
  return list.length ? list : ["'self'"];
}

/**
 * Register the headers. The web app needs: maplibre's blob: workers and data:/blob: images,
 * deck.gl's WebGL (no CSP source), socket.io on this origin ('self' covers ws:), Svelte's inline style attributes.
 * No upgrade-insecure-requests or HSTS: walls on a LAN are served over plain HTTP.
 */
export async function securityHeaders(http: FastifyInstance, ancestors: string[] = frameAncestors()): Promise<void> {
  await http.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ancestors,
      },
    },
    strictTransportSecurity: false,
    // frame-ancestors decides embedding; X-Frame-Options would forbid every embedding page.
    xFrameOptions: false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
