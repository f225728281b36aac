import type { ResultColumn } from '../api/types'
import { cell } from '../format'

const NUMERIC_TYPE = /^(int|integer|smallint|bigint|tinyint|mediumint|int[248]|serial|bigserial|numeric|decimal|number|real|float[48]?|float|double( precision)?|money|long|short|byte)\b/i

/** A numeric column: by its type name, or (type unknown) when every non-null value is a number. */
export function isNumeric(column: ResultColumn, values: unknown[]): boolean {
  if (column.type && NUMERIC_TYPE.test(column.type.trim())) return true
  const present = values.filter((v) => v !== null && v !== undefined)
  return !column.type && present.length > 0 && present.every((v) => typeof v === 'number')
}

/**
 * A number as the server sent it, its integer digits grouped by thousands (`1234567.8900` → `1,234,567.8900`):
 * decimals are kept digit for digit, never rounded through a float.
 */
export function grouped(v: unknown): string {
  const s = cell(v)
  const m = /^(-?)(\d+)(\.\d+)?(e[+-]?\d+)?$/i.exec(s)
  if (!m) return s
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}${m[4] ?? ''}`
}

/** Compares two cells: NULLs last, numbers by value (exact for long digit strings), the rest as text. */
export function compareCells(a: unknown, b: unknown, numeric: boolean): number {
  const an = a === null || a === undefined
  const bn = b === null || b === undefined
  if (an || bn) return an === bn ? 0 : an ? 1 : -1
  if (numeric) {
    const x = Number(a)
    const y = Number(b)
    if (x !== y || !Number.isFinite(x)) return x < y ? -1 : x > y ? 1 : 0
    return 0
  }
  return cell(a).localeCompare(cell(b), 'en', { numeric: true })
}

/** Row indexes in sorted order (stable): the grid sorts a view, never the rows themselves. */
export function sortedOrder(rows: unknown[][], column: number, dir: 1 | -1, numeric: boolean): number[] {
  return rows.map((_, i) => i).sort((i, j) => {
    const c = compareCells(rows[i][column], rows[j][column], numeric)
    return c === 0 ? i - j : c * dir
  })
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV with a header row; NULL is an empty field, the empty string a quoted `""`. */
export function toCsv(columns: ResultColumn[], rows: unknown[][]): string {
  const head = columns.map((c) => csvField(c.name)).join(',')
  const body = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v === '' ? '""' : csvField(cell(v)))).join(','))
  return [head, ...body].join('\r\n') + '\r\n'
}

/** Tab-separated text for the clipboard (pastes into spreadsheets): tabs and newlines in values become spaces. */
export function toTsv(columns: ResultColumn[], rows: unknown[][]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ')
  return [columns.map((c) => clean(c.name)).join('\t'), ...rows.map((r) => r.map((v) => clean(cell(v))).join('\t'))].join('\n')
}
