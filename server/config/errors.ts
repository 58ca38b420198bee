/** A configuration mistake: the message names the file, the field and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${file}: ${field || '(top level)'}: ${expected}`);
    this.name = 'ConfigError';
  }
}

/** Throws on the first repeated id, naming `list[index].field`. */
export function checkUnique(ids: string[], file: string, list: string, field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new ConfigError(file, `${list}[${i}].${field}`, `expected a unique id, "${id}" appears twice`);
    seen.add(id);
  });
}
