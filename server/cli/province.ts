/**
 * `npm run province -- 01 [--out FILE] [--since YYYY-MM-DD]`: write a province file for one of
 * the 34 provinces from IOC_GEO_DIR's vn-communes-2025.geojson and vn-provinces-2025.json, then
 * check it with the server's own loaders. Run it with `IOC_CONFIG=FILE IOC_DEMO=0 npm start`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadVersionBoundaries } from '../../geo/load.js';
import { provinceConfig, type NationalCommune, type NationalProvince } from '../config/generate.js';
import { loadConfig } from '../config/load.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string): never {
  console.error(`province: ${message}\nusage: npm run province -- CODE [--out FILE] [--since YYYY-MM-DD]`);
  process.exit(2);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, since: { type: 'string' } } });
const code = positionals[0] ?? fail('give a 2-digit province code, e.g. 01 (Hà Nội) or 79 (Hồ Chí Minh)');
const geoDir = resolve(process.env.IOC_GEO_DIR ?? join(root, '../shared/geo'));
const provinces = JSON.parse(readFileSync(join(geoDir, 'vn-provinces-2025.json'), 'utf8')) as NationalProvince[];
const p = provinces.find((x) => x.code === code) ?? fail(`unknown province code "${code}"; one of ${provinces.map((x) => x.code).join(' ')}`);
const national = JSON.parse(readFileSync(join(geoDir, 'vn-communes-2025.geojson'), 'utf8')) as { features: { properties: NationalCommune }[] };
// A fresh deployment starts calm: by default reporting applies from the first of this month.
const since = values.since ?? `${new Date().toISOString().slice(0, 7)}-01`;
if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) fail(`--since: expected a date YYYY-MM-DD, got "${since}"`);
const outFile = resolve(values.out ?? join(root, 'config', `province-${code}.json`));
const config = provinceConfig(
  p,
  national.features.map((f) => f.properties),
  {
    outFile,
    catalogues: [join(root, 'config/indicators-de-an-06.json'), join(root, 'config/indicators-2025.json')],
    displayFile: join(root, 'config/display.json'),
    since,
  },
);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${JSON.stringify(config, null, 2)}\n`);
const loaded = loadConfig(outFile);
const areas = loadVersionBoundaries(geoDir, loaded.geography.versions[0]!);
console.log(`${outFile}: ${p.name}, ${areas.features.length} communes and wards, ${loaded.geography.departments.length} departments (template: edit them)`);
console.log(`run it: IOC_CONFIG=${outFile} IOC_DEMO=0 npm start`);
