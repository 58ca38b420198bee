/** `npm start`'s first step: build the web app when it is missing or older than its sources, in its own process (the server's memory stays its own). */
import { join, resolve } from 'node:path';
import { ensureWebBuilt } from './webbuild.js';

const root = resolve(import.meta.dirname, '..');
await ensureWebBuilt(root, join(root, 'dist/web'), (msg) => console.log(`[ioc] ${msg}`));
