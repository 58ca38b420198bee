/**
 * `npm run dev`: the API and stream on PORT (as `npm start`, without building the web app)
 * plus vite's dev server with hot reload on DEV_PORT (default 5173), proxying /api and /socket.io.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.IOC_SKIP_WEB_BUILD = '1';
await import('./main.js');
const vite = await createServer({
  configFile: join(root, 'vite.config.ts'),
  server: { port: Number(process.env.DEV_PORT ?? 5173), host: process.env.HOST ?? '127.0.0.1' },
});
await vite.listen();
vite.printUrls();
