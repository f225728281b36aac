/** Display helpers shared by the pages. */

const nf = new Intl.NumberFormat('en-US')

export function num(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : nf.format(Math.round(n))
}

export function rate(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `${nf.format(Math.round(n))} rows/s`
}

export function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}B`
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`
  return String(Math.round(n))
}

/** An instant in the browser's time zone as unambiguous ISO date and time: `2026-12-03 17:45:12`. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return String(iso)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** Duration between two instants (or until now while running), e.g. `1m 05s`. */
export function duration(start: string | null | undefined, end: string | null | undefined, now = Date.now()): string {
  if (!start) return '—'
  const ms = (end ? new Date(end).getTime() : now) - new Date(start).getTime()
  if (ms < 0) return '—'
  if (ms < 1000) return `${ms} ms`
  const s = Math.floor(ms / 1000)
  if (s < 60) return `${(ms / 1000).toFixed(1)} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`
}

export function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

export const ACTIVE_STATUSES = ['queued', 'running', 'stopping'] as const

export function isActive(status: string): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status)
}

/** Fraction done of an execution from its tables' chunks (0..1), or null when unknown. */
export function progressOf(tables: { chunks_done: number; chunks_total: number; state: string }[]): number | null {
  if (!tables.length) return null
  let done = 0
  let total = 0
  for (const t of tables) {
    if (t.chunks_total > 0) {
      done += Math.min(t.chunks_done, t.chunks_total)
      total += t.chunks_total
    } else {
      total += 1
      done += t.state === 'completed' ? 1 : 0
    }
  }
  return total ? done / total : null
}

/** What the server cut from a query or preview result, in words; empty when nothing was cut. */
export function cutNote(r: { values_truncated?: boolean; truncated_cells?: unknown[]; size_truncated?: boolean }): string {
  const notes: string[] = []
  if (r.values_truncated) {
    const n = r.truncated_cells?.length ?? 0
    notes.push(`${n} long value${n === 1 ? '' : 's'} cut at 64 KiB`)
  }
  if (r.size_truncated) notes.push('rows stopped at the 8 MiB size limit')
  return notes.join('; ')
}
