/**
 * Crosswalk problems, every row at once: the server's parseCrosswalk stops at its first error,
 * so it runs here on the header and one row at a time, then once on the sound rows together
 * (a link given twice, a later unit without a predecessor).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { crosswalkSchema } from '../config/schema.js';
import type { GeographyVersion } from '../config/types.js';
import { parseCrosswalk } from '../geography/crosswalk.js';
import type { Problem } from './boundary-problems.js';
import { attempt } from './read.js';

/** `row N: field` of a part is `row rowOf(N): field` of the file. */
const renameRow = (rowOf: (n: number) => number) => (field: string) => field.replace(/^row (\d+):/, (_, n: string) => `row ${rowOf(Number(n))}:`);

/** Every problem of the province file's `crosswalks` (raw, as written) and of the files they name in `geoDir`. */
export function crosswalkProblems(raw: unknown, file: string, geoDir: string, versionIds: string[], versions: Map<string, GeographyVersion>): Problem[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown, i): Problem[] => {
    const c = crosswalkSchema.safeParse(item);
    if (!c.success) return [];
    const unknown = (['from', 'to'] as const).filter((k) => !versionIds.includes(c.data[k]));
    if (unknown.length) {
      return unknown.map((k) => ({ file, field: `crosswalks[${i}].${k}`, expected: `expected a geography id (${versionIds.join(', ')}), got "${c.data[k]}"` }));
    }
    const older = versions.get(c.data.from);
    const newer = versions.get(c.data.to);
    // A version with its own problem is reported there; its crosswalk is checked once it resolves.
    if (!older || !newer) return [];
    const csv = isAbsolute(c.data.file) ? c.data.file : resolve(geoDir, c.data.file);
    let text: string;
    try {
      text = readFileSync(csv, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      return [{ file: csv, field: '(file)', expected: `expected a readable crosswalk (looked for in ${geoDir}; set IOC_GEO_DIR or --geo-dir) (${code})` }];
    }
    return rowProblems(text, csv, older, newer);
  });
}

type RawRecord = { record: string[]; raw: string };
const isRawList = (x: unknown): x is RawRecord[] => Array.isArray(x) && x.every((r) => typeof (r as Partial<RawRecord>)?.raw === 'string');

function rowProblems(text: string, file: string, older: GeographyVersion, newer: GeographyVersion): Problem[] {
  const whole = (rows: string, rowOf: (n: number) => number = (n) => n) => {
    const r = attempt(() => parseCrosswalk(rows, file, older, newer), renameRow(rowOf));
    return 'problem' in r ? [r.problem] : [];
  };
  let records: unknown;
  try {
    // raw: each record with its text as written, to hand the loader one row at a time.
    records = parse(text, { raw: true, skip_empty_lines: true, trim: true, bom: true });
  } catch {
    return whole(text);
  }
  if (!isRawList(records)) return whole(text);
  const [header, ...rows] = records;
  if (!header || !rows.length) return whole(text);
  const head = header.raw.trimEnd();
  const idAt = header.record.indexOf('unit_2025_id');
  const problems: Problem[] = [];
  const sound: number[] = [];
  for (const [k, rec] of rows.entries()) {
    // Only the row's own later unit: the others' predecessors are checked with all rows below.
    const only = { ...newer, units: newer.units.filter((u) => u.id === rec.record[idAt]) };
    const r = attempt(
      () => parseCrosswalk(`${head}\n${rec.raw.trimEnd()}\n`, file, older, only),
      renameRow((n) => (n === 2 ? k + 2 : n)),
    );
    if ('problem' in r && r.problem.field.startsWith('row 1:')) return [r.problem];
    if ('problem' in r) problems.push(r.problem);
    else sound.push(k);
  }
  const rest = [head, ...sound.map((k) => rows[k]!.raw.trimEnd())].join('\n');
  // Row n of the sound rows is row sound[n - 2] + 2 of the file (a missing predecessor names the last one, as the loader does).
  return [...problems, ...whole(rest, (n) => (sound[n - 2] ?? n - 2) + 2)];
}
