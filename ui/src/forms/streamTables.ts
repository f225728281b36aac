import type { TableInfo, TableProgress, TaskConfig } from '../api/types'

/** A stream table's copy as text: `42 %` while copied (with what it is measured against), else empty. */
export function copyText(t: TableProgress): string {
  if (t.state !== 'backfilling' && t.state !== 'resyncing') return ''
  return t.copy_percent == null ? 'copying' : `${t.copy_percent} %`
}

/** The tables of a source schema a running stream could add: tables (not views) it does not follow yet. */
export function addableTables(catalog: TableInfo[], schema: string, followed: string[], configured: string[]): string[] {
  const known = new Set([...followed, ...configured].map((n) => n.toLowerCase()))
  return catalog
    .filter((t) => (t.kind ?? 'table') === 'table')
    .map((t) => `${t.schema ?? schema}.${t.name}`)
    .filter((qualified) => !known.has(qualified.toLowerCase()) && !known.has(qualified.slice(qualified.indexOf('.') + 1).toLowerCase()))
    .sort()
}

/**
 * The config change that adds `table` to a stream: a longer `tables` (PUT merges config key by key), and the
 * table out of `exclude_tables` when an earlier remove put it there.
 */
export function withTable(config: TaskConfig, table: string): { tables: string[]; exclude_tables?: string[] } {
  const change: { tables: string[]; exclude_tables?: string[] } = { tables: [...(config.tables ?? []), table] }
  const excluded = Array.isArray(config.exclude_tables) ? (config.exclude_tables as string[]) : []
  const bare = table.slice(table.indexOf('.') + 1).toLowerCase()
  const kept = excluded.filter((e) => e.toLowerCase() !== table.toLowerCase() && e.toLowerCase() !== bare)
  if (kept.length !== excluded.length) change.exclude_tables = kept
  return change
}
