/** Reading a configuration file into problems rather than exceptions: the collector's building blocks. */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { GeoError } from '../../geo/check.js';
import { ConfigError } from '../config/errors.js';
import { CrosswalkError } from '../geography/crosswalk.js';
import type { Problem } from './boundary-problems.js';

const fieldPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';

/** Parsed JSON, or the problem that stops reading this file. */
export function readJson(file: string, what: string): { data: unknown } | { problem: Problem } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      problem: {
        file,
        field: '(file)',
        expected: `expected a readable ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        fix: 'check the file name and the folder it is looked for in',
      },
    };
  }
  try {
    return { data: JSON.parse(text) as unknown };
  } catch (err) {
    return { problem: { file, field: '(top level)', expected: `expected valid JSON (${(err as Error).message})` } };
  }
}

/** Every zod issue of `data` against `schema`, each as a problem. */
export function zodProblems<T>(schema: z.ZodType<T>, data: unknown, file: string): { value: T | null; problems: Problem[] } {
  const r = schema.safeParse(data);
  if (r.success) return { value: r.data, problems: [] };
  return {
    value: null,
    problems: r.error.issues.map((i) => {
      const keys = i.code === 'unrecognized_keys' ? i.keys : [];
      const field = fieldPath(keys.length ? [...i.path, keys[0]!] : i.path);
      return {
        file,
        field,
        expected: i.message,
        ...(keys.length && { fix: `remove ${keys.map((k) => `"${k}"`).join(', ')}, or check the spelling against the README` }),
      };
    }),
  };
}

/** A repeated id in `list` (ids already in `seen`, e.g. from an earlier catalogue, count too). */
export function duplicates(ids: readonly string[], file: string, list: string, seen = new Set<string>()): Problem[] {
  return ids.flatMap((id, i) => {
    const dup = seen.has(id);
    seen.add(id);
    return dup ? [{ file, field: `${list}[${i}].id`, expected: `expected a unique id; "${id}" appears twice`, fix: 'give it its own id' }] : [];
  });
}

/** The server's own error (config, boundary or crosswalk) as a problem; anything else is rethrown. */
export function asProblem(err: unknown): Problem {
  if (err instanceof ConfigError) return { file: err.file, field: err.field || '(top level)', expected: err.expected };
  if (err instanceof GeoError) return { file: err.file, field: err.where, expected: err.expected };
  if (err instanceof CrosswalkError) return { file: err.file, field: `row ${err.row}: ${err.field}`, expected: err.expected };
  throw err;
}

/**
 * Run one of the server's loaders on one part (it throws at its first error): its value, or its
 * problem with the part's field path put back (`rename` maps the part's path to the whole file's).
 */
export function attempt<T>(run: () => T, rename: (field: string) => string = (f) => f): { value: T } | { problem: Problem } {
  try {
    return { value: run() };
  } catch (err) {
    const p = asProblem(err);
    return { problem: { ...p, field: rename(p.field) } };
  }
}
