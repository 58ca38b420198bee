/** Slow clients are cut (issue 17 item 13): headers within a few seconds, a whole request within minutes. */
import type { FastifyInstance } from 'fastify';

export interface Timeouts {
  /** All request headers must arrive within this (ms). */
  headersMs: number;
  /** The whole request, body included (a 10 MB import on a slow link), within this (ms). */
  requestMs: number;
  /** How often Node checks the two above (ms); its default, 30 s, would let a slow-header client stay that long. */
  checkMs: number;
}

/** Set the HTTP server's timeouts; call before listen. */
export function cutSlowClients(http: FastifyInstance, t: Timeouts = { headersMs: 5000, requestMs: 120_000, checkMs: 1000 }): void {
  http.server.headersTimeout = t.headersMs;
  http.server.requestTimeout = t.requestMs;
  // Read when the server starts listening (node:_http_server setupConnectionsTracking).
  (http.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = t.checkMs;
}
