/** The contract shared by server and web. No I/O, no node:*, no socket.io here. */
export * from './levels.js';
export * from './errors.js';
export * from './state.js';
export * from './changes.js';
export * from './readings.js';
export * from './events.js';
export * from './patch.js';
export * from './wire.js';
export * from './geo.js';
export * from './display.js';
export * from './reports.js';
export * from './access.js';
export * from './history.js';
