/**
 * Stands in for `@loaders.gl/core` and `@loaders.gl/images` in the build (vite.config.ts):
 * deck.gl loads with them only what is given as a URL (a layer's data, an icon's image), and
 * the map hands deck objects and a glyph atlas deck draws itself; ~9 kB gzipped off every wall.
 */

/** deck.gl registers its JSON and image loaders at start: nothing to register here. */
export function registerLoaders(): void {}

/** Never called by the map (no URL is given to deck): says so if that changes. */
export function load(url: unknown): Promise<never> {
  return Promise.reject(new Error(`deck.gl cannot load ${String(url)}: loaders.gl is left out of this build (vite.config.ts)`));
}
export const parse = load;
export const fetchFile = load;

/** What deck.gl registers for images (never used: see `load`). */
export const ImageLoader = { id: 'image', name: 'Images', module: 'images', extensions: [] as string[], mimeTypes: [] as string[], options: {} };
