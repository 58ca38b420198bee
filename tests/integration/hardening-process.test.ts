import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { guard } from '../../server/auth/guard.js';
import type { Store } from '../../server/store/store.js';
import { ROOT } from '../helpers/server.js';

describe('hardening: logs and the start script', () => {
  it('a token in a query string is never logged', async () => {
    const lines: string[] = [];
    const http = Fastify({ logger: { level: 'warn', stream: { write: (l: string) => void lines.push(l) } } });
    const store = { findToken: async () => null, listTokens: async () => [] } as unknown as Store;
    http.get('/api/state', { onRequest: guard({ store, adminToken: 'admin-token-12345', systemNow: Date.now }, 'read', 'state.read') }, async () => ({}));
    const res = await http.inject({ url: '/api/state?token=s3cret-in-the-url&asOf=2024-08-01', headers: { authorization: 'Bearer wrong' } });
    expect(res.statusCode).toBe(401);
    // Before: the refusal's log line held the whole URL, token included.
    expect(lines.join('')).toContain('/api/state?token=…&asOf=…');
    expect(lines.join('')).not.toContain('s3cret');
    await http.close();
  });

  it('npm start builds the web app and the server bundle in its own process first, then serves the bundle without building', () => {
    const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
    const [build, serve] = start.split('&&').map((s) => s.trim());
    // Before: `tsx server/main.ts`, which ran vite inside the server (its memory held for the server's life).
    expect(build).toBe('tsx server/build.ts');
    // Before: `tsx server/main.ts`, whose TypeScript loader cost the server about 78 MiB resident.
    expect(serve).toBe('IOC_SKIP_WEB_BUILD=1 node dist/server/main.js');
  });
});
