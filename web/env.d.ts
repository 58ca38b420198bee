/** The app's version (package.json), baked in at build time. */
declare const __APP_VERSION__: string;
