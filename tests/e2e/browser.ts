/** The browser the tests drive is the one the server exports with. */
export { CHROMIUM, CHROMIUM_ARGS, launch, type Browser } from '../../server/export/chromium.js';
