import type { TableInfo } from '../api/types'

/**
 * The source catalog's row estimates of a task's tables, keyed as the run's progress names them (`schema.table`)
 * and by the name the task stores. One catalog call per schema named; a source without a catalog (files) or an
 * unreachable one gives none, and the ETA then extrapolates from chunks.
 */
export async function rowEstimates(tables: string[], list: (schema: string | null) => Promise<TableInfo[]>):
  Promise<Record<string, number | null>> {
  const bySchema = new Map<string | null, string[]>()
  for (const t of tables) {
    if (/[*%?]/.test(t)) continue // a pattern: its tables are known at run time only
    const dot = t.lastIndexOf('.')
    const schema = dot > 0 ? t.slice(0, dot) : null
    bySchema.set(schema, [...(bySchema.get(schema) ?? []), dot > 0 ? t.slice(dot + 1) : t])
  }
  const out: Record<string, number | null> = {}
  for (const [schema, names] of bySchema) {
    let infos: TableInfo[]
    try {
      infos = await list(schema)
    } catch {
      continue
    }
    for (const info of infos) {
      if (!names.includes(info.name)) continue
      const estimate = info.row_estimate ?? null
      out[info.schema ? `${info.schema}.${info.name}` : info.name] = estimate
      out[schema ? `${schema}.${info.name}` : info.name] = estimate
    }
  }
  return out
}
