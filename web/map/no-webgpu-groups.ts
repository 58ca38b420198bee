/**
 * Stands in for deck.gl's `attribute-buffer-groups.js` in the build (vite.config.ts): deck's
 * AttributeManager builds those groups only on a WebGPU device, and the map draws with WebGL,
 * so their GPU data evaluator (`@luma.gl/gpgpu`, ~30 kB gzipped) never runs on a wall.
 */
export default class AttributeBufferGroups {
  constructor() {
    throw new Error('deck.gl WebGPU attribute buffer groups are not in this build: the map draws with WebGL (vite.config.ts)');
  }
}
