import type { ResultSet, TransformationStep } from '../api/types'
import { cell } from '../format'

/** The `{{name}}` variables a table's steps use, in order of first use. */
export function referencedVariables(steps: TransformationStep[]): string[] {
  const names: string[] = []
  const text = JSON.stringify(steps.map((s) => s.config))
  for (const m of text.matchAll(/\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g)) if (!names.includes(m[1])) names.push(m[1])
  return names
}

export interface PreviewMarks {
  /** `row:column` keys of after-cells whose value differs from the same row's before-cell */
  changed: Set<string>
  /** column names the transformations added */
  added: Set<string>
  /** rows kept of the sample rows read */
  kept: number
  of: number
  /** false when rows could not be matched (a row-set step reordered them and no key column survived) */
  matched: boolean
}

/**
 * What the transformations did to the sample: columns added, cells changed, rows kept. Rows are matched by
 * position when none was dropped, else by the first column's value when that column survived unchanged in name.
 */
export function previewMarks(before: ResultSet, after: ResultSet): PreviewMarks {
  const beforeNames = before.columns.map((c) => c.name)
  const added = new Set(after.columns.map((c) => c.name).filter((n) => !beforeNames.includes(n)))
  const changed = new Set<string>()
  let match: ((row: unknown[], i: number) => unknown[] | undefined) | null = null
  if (before.rows.length === after.rows.length) {
    match = (_row, i) => before.rows[i]
  } else {
    const key = beforeNames[0]
    const ai = after.columns.findIndex((c) => c.name === key)
    if (key !== undefined && ai >= 0) {
      const byKey = new Map(before.rows.map((r) => [cell(r[0]), r]))
      match = (row) => byKey.get(cell(row[ai]))
    }
  }
  if (match) {
    after.rows.forEach((row, i) => {
      const source = match!(row, i)
      if (!source) return
      after.columns.forEach((c, j) => {
        const bj = beforeNames.indexOf(c.name)
        if (bj >= 0 && cell(source[bj]) !== cell(row[j])) changed.add(`${i}:${j}`)
      })
    })
  }
  return { changed, added, kept: after.rows.length, of: before.rows.length, matched: match !== null }
}
