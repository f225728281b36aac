/** Table selection helpers for the task builder. */

/** True when a `config.tables` entry is a pattern matched at run time (`*` or `%`). */
export function isPattern(name: string): boolean {
  return name.includes('*') || name.includes('%')
}

/** A glob (`*`, `%` any run, `?` one character) as a case-insensitive whole-name RegExp. */
export function patternRegExp(pattern: string): RegExp {
  const escaped = pattern.trim().replace(/[.+^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${escaped.replace(/[*%]/g, '.*').replace(/\?/g, '.')}$`, 'i')
}

export function matching(pattern: string, names: string[]): string[] {
  const re = patternRegExp(pattern)
  return names.filter((n) => re.test(n))
}

/** The name a task stores: bare in the connection's default schema, else `schema.table`. */
export function qualified(schema: string | null, table: string): string {
  return schema ? `${schema}.${table}` : table
}

/** Toggles all `visible` names: adds them all unless every one is already selected, then removes them. */
export function toggleAll(selected: string[], visible: string[]): string[] {
  const all = visible.every((v) => selected.includes(v))
  if (all) return selected.filter((s) => !visible.includes(s))
  return [...selected, ...visible.filter((v) => !selected.includes(v))]
}
