/** How the results table writes figures. */
export const ms = (x: number) => (x >= 100 ? `${Math.round(x).toLocaleString('en')} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
export const mb = (x: number) => `${Math.round(x / 2 ** 20).toLocaleString('en')} MiB`;
export const kb = (x: number) => (x >= 2 ** 20 ? `${(x / 2 ** 20).toFixed(1)} MiB` : x >= 1024 ? `${(x / 1024).toFixed(1)} KiB` : `${x} B`);
export const n = (x: number) => Math.round(x).toLocaleString('en');
export const kB = (x: number) => `${(x / 1000).toFixed(1)} kB`;
export const ok = (pass: boolean) => (pass ? '✅' : '❌');
export const ratio = (x: number) => `${x.toFixed(2)}×`;
