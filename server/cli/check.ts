/**
 * `npm run check -- PROVINCE.json [--geo-dir DIR]`: every problem of a province file, its
 * indicator and display files, its geography versions with their boundary files and its crosswalks at once, without starting the server.
 * Exit 0 when the server would start with it, 1 when not (each problem with file, field,
 * what was expected and, where known, how to fix it).
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load.js';
import { collectProblems, type Problem } from '../ops/problems.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: npm run check -- PROVINCE.json [--geo-dir DIR]   (boundary files are looked for in DIR, else IOC_GEO_DIR, else ../shared/geo)';

/** Problems grouped by file, paths relative to the working folder when shorter. */
function report(problems: Problem[]): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const name = (f: string) => (relative(process.cwd(), f).startsWith('..') ? f : relative(process.cwd(), f));
  return [...byFile]
    .map(([file, ps]) =>
      [name(file), ...ps.map((p) => `  ${p.warning ? 'warning: ' : ''}${p.field}: ${p.expected}${p.fix ? `\n    fix: ${p.fix}` : ''}`)].join('\n'),
    )
    .join('\n');
}

function main(): number {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'geo-dir': { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error(`check: ${USAGE}`);
    return 2;
  }
  const geoDir = resolve(values['geo-dir'] ?? process.env.IOC_GEO_DIR ?? resolve(root, '../shared/geo'));
  const problems = collectProblems(positionals[0]!, geoDir);
  const errors = problems.filter((p) => !p.warning).length;
  if (problems.length) console.log(`${report(problems)}\n`);
  if (errors) {
    const files = new Set(problems.map((p) => p.file)).size;
    console.log(
      `${errors} problem(s)${errors < problems.length ? ` and ${problems.length - errors} warning(s)` : ''} in ${files} file(s): the server would refuse this configuration.`,
    );
    return 1;
  }
  const c = loadConfig(positionals[0]!);
  const { versions, departments, crosswalks } = c.geography;
  // One version: the summary as before; several: each version with its area units.
  const areas =
    versions.length === 1
      ? `${versions[0]!.units.length} area units with boundaries`
      : `${versions.length} geography versions (${versions.map((v) => `${v.id}: ${v.units.length} area units`).join(', ')}) with boundaries, ${crosswalks.length} crosswalk(s)`;
  console.log(
    `ok${problems.length ? ` (${problems.length} warning(s))` : ''}: ${c.province.name.vi} — ${areas}, ${departments.length} departments, ${c.indicators.length} indicators`,
  );
  return 0;
}

process.exitCode = main();
