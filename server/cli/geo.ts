/**
 * `npm run geo -- INPUT OUTPUT [--id FIELD] [--slug] [--keep a,b] [--simplify METRES] [--swap-xy] [--config PROVINCE.json]`:
 * a GeoJSON or shapefile in, a checked boundary file out (see server/ops/geo-convert.ts). Writes
 * nothing when the result has problems (exit 1); warnings are printed and the file is written.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { OpsError } from '../ops/backup.js';
import { convertBoundaries } from '../ops/geo-convert.js';

const USAGE = `usage: npm run geo -- INPUT OUTPUT [--id FIELD] [--slug] [--keep FIELD,FIELD] [--simplify METRES] [--swap-xy] [--config PROVINCE.json]
  INPUT: .geojson/.json (WGS84) or .shp (with its .dbf, and .prj when projected)
  --id: the property holding the unit ids (default id); --slug: make ASCII ids of them ("Tam Kỳ" → tam-ky)
  --simplify: tolerance in metres (default 20; 0 keeps every point); --swap-xy: the input's positions are [latitude, longitude]
  --config: check the ids against the province file's area units`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      slug: { type: 'boolean' },
      keep: { type: 'string' },
      simplify: { type: 'string' },
      config: { type: 'string' },
      'swap-xy': { type: 'boolean' },
    },
  });
  const [input, output] = positionals;
  const metres = values.simplify === undefined ? 20 : Number(values.simplify);
  if (positionals.length !== 2 || !input || !output || !(metres >= 0)) {
    console.error(`geo: ${USAGE}`);
    return 2;
  }
  if (resolve(input) === resolve(output)) throw new OpsError('OUTPUT must differ from INPUT');
  const unitIds = values.config
    ? loadConfig(values.config)
        .units.filter((u) => u.kind === 'area')
        .map((u) => u.id)
    : null;
  const { data, problems } = await convertBoundaries(resolve(input), {
    ...(values.id && { id: values.id }),
    slug: values.slug ?? false,
    keep: values.keep ? values.keep.split(',').map((k) => k.trim()) : [],
    simplifyMetres: metres,
    swapXY: values['swap-xy'] ?? false,
    unitIds,
  });
  for (const p of problems) console.log(`${p.warning ? 'warning: ' : ''}${p.field}: ${p.expected}${p.fix ? `\n  fix: ${p.fix}` : ''}`);
  const errors = problems.filter((p) => !p.warning).length;
  if (errors) {
    console.log(`${errors} problem(s): ${output} not written.`);
    return 1;
  }
  const replaced = existsSync(output);
  writeFileSync(output, `${JSON.stringify(data)}\n`);
  console.log(`${replaced ? 'replaced' : 'wrote'} ${output}: ${data.features.length} features (${data.features.map((f) => f.properties?.id).join(', ')})`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`geo: ${err instanceof OpsError ? err.message : (err as Error).stack}`);
    process.exitCode = 1;
  },
);
