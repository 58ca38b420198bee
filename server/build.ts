/**
 * `npm start`'s first step, in its own process (the server's memory stays its own): build the web
 * app when it is missing or older than its sources, and bundle the server to plain JavaScript
 * (dist/server/main.js), which `node` runs without a TypeScript loader in the server's process.
 */
import { join, resolve } from 'node:path';
import { buildServer } from './serverbuild.js';
import { ensureWebBuilt } from './webbuild.js';

const root = resolve(import.meta.dirname, '..');
const log = (msg: string) => console.log(`[ioc] ${msg}`);
await ensureWebBuilt(root, join(root, 'dist/web'), log);
await buildServer(root, join(root, 'dist/server'));
