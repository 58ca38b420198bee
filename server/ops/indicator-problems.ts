/** Indicator problems, all at once: each catalogue file of the list, ids across them, each local target. */
import { dirname, resolve } from 'node:path';
import { catalogueSchema, localTargetSchema, provinceSchema, type IndicatorConfig } from '../config/schema.js';
import { withLocalTargets } from '../config/indicators.js';
import type { Problem } from './boundary-problems.js';
import { attempt, duplicates, readJson, zodProblems } from './read.js';

/** The problems of the catalogue(s) `data.indicators` names (or holds) and of `data.localTargets`; ids null when a catalogue is unreadable. */
export function indicatorProblems(data: Record<string, unknown> | null, file: string): { problems: Problem[]; ids: string[] | null } {
  const inds = provinceSchema.shape.indicators.safeParse(data?.indicators);
  if (!inds.success) return { problems: [], ids: null };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  let indicators: IndicatorConfig[] | null = [];
  if (typeof inds.data === 'string' || Array.isArray(inds.data)) {
    // Several catalogues add up: an id may not come back in a later one.
    for (const name of typeof inds.data === 'string' ? [inds.data] : inds.data) {
      const catFile = resolve(dirname(file), name);
      const cat = readJson(catFile, 'indicator catalogue');
      const parsed = 'problem' in cat ? { value: null, problems: [cat.problem] } : zodProblems(catalogueSchema, cat.data, catFile);
      problems.push(...parsed.problems);
      if (parsed.value)
        problems.push(
          ...duplicates(
            parsed.value.indicators.map((i) => i.id),
            catFile,
            'indicators',
            seen,
          ),
        );
      indicators = parsed.value && indicators ? [...indicators, ...parsed.value.indicators] : null;
    }
  } else {
    indicators = inds.data.indicators;
    problems.push(
      ...duplicates(
        indicators.map((i) => i.id),
        file,
        'indicators.indicators',
        seen,
      ),
    );
  }
  if (!indicators) return { problems, ids: null };
  const catalogue = indicators;
  // Each local target on its own against the catalogue, with the server's own merge.
  const local: unknown[] = Array.isArray(data?.localTargets) ? data.localTargets : [];
  local.forEach((raw, i) => {
    const t = localTargetSchema.safeParse(raw);
    const at = (f: string) => f.replace(/^localTargets\[0\]/, `localTargets[${i}]`);
    const r = t.success ? attempt(() => withLocalTargets(catalogue, [t.data], file), at) : null;
    if (r && 'problem' in r) problems.push(r.problem);
  });
  return { problems, ids: catalogue.map((i) => i.id) };
}
