/**
 * Figures derived from one execution's API values (rows, chunks, cdc metrics) for the progress and streaming
 * views. Nothing here invents a number: every figure is computed from the execution record or from successive
 * samples of it, so the dashboard and the task page agree with the API.
 */
import type { CdcMetrics, TableProgress, TaskMode } from '../api/types'

export interface Sample {
  /** epoch ms */
  t: number
  v: number
}

/**
 * The current rate of a growing counter: the change over the recent window (default 10 s), not the average
 * since the start. Samples older than the window are dropped, but the newest one before it is kept as the base.
 */
export class RecentRate {
  private samples: Sample[] = []

  constructor(private readonly windowMs = 10_000) {}

  add(t: number, v: number): void {
    const last = this.samples[this.samples.length - 1]
    if (last && t <= last.t) return
    if (last && v < last.v) this.samples = [] // a new execution or a counter reset: start over
    this.samples.push({ t, v })
    while (this.samples.length > 2 && this.samples[1].t <= t - this.windowMs) this.samples.shift()
  }

  /** rows per second over the window, or null with fewer than two samples */
  perSecond(): number | null {
    if (this.samples.length < 2) return null
    const first = this.samples[0]
    const last = this.samples[this.samples.length - 1]
    const dt = (last.t - first.t) / 1000
    return dt > 0 ? (last.v - first.v) / dt : null
  }
}

/**
 * A table's expected total rows: the source's row estimate when it is at least what was written, else an
 * extrapolation from its chunks (the rows of the done chunks over their share of all chunks). Null when unknown.
 */
export function expectedRows(t: Pick<TableProgress, 'rows' | 'chunks_done' | 'chunks_total' | 'state'>,
  estimate?: number | null): number | null {
  if (t.state === 'completed' || t.state === 'skipped') return t.rows
  if (estimate !== undefined && estimate !== null && estimate >= t.rows && estimate > 0) return estimate
  if (t.chunks_total > 0 && t.chunks_done > 0) return Math.round(t.rows * t.chunks_total / t.chunks_done)
  return null
}

/** Seconds left at `rate` rows/s for `remaining` rows; null when either is unknown or nothing moves. */
export function etaSeconds(remaining: number | null, rate: number | null): number | null {
  if (remaining === null || rate === null || rate <= 0) return null
  return Math.max(0, remaining / rate)
}

/** A duration in seconds as `45 s`, `3m 05s`, `2h 10m`; `—` when unknown. */
export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—'
  if (s < 10) return `${s.toFixed(1)} s`
  if (s < 60) return `${Math.round(s)} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`
}

/** Bytes in MiB: one decimal, two below 1 MiB (`0.03 MiB`); `—` when unknown. */
export function mib(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—'
  const v = bytes / 1048576
  const digits = v >= 1 || v === 0 ? 1 : 2
  return `${v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} MiB`
}

export type Phase = 'initial_load' | 'streaming' | null

/**
 * Where a change-capturing execution is: `initial_load` until its stream reports metrics (a full_load_then_cdc
 * loads first), then `streaming`; null for full loads.
 */
export function phaseOf(mode: TaskMode | undefined, cdc: CdcMetrics | null | undefined): Phase {
  if (mode === 'full_load' || mode === undefined) return null
  if (cdc) return 'streaming'
  return mode === 'full_load_then_cdc' ? 'initial_load' : 'streaming'
}

export interface TableStreamRow {
  table: string
  /** rows the initial load wrote (rows minus the stream's changes) */
  loaded: number
  inserts: number
  updates: number
  deletes: number
  /** all rows written for the table: the load's and one per applied change */
  rows: number
}

/** Per table: what the load wrote and what the stream applied by kind, from the same execution record. */
export function streamTables(tables: TableProgress[], cdc: CdcMetrics | null | undefined): TableStreamRow[] {
  return tables.map((t) => {
    const c = cdc?.changes?.[t.table] ?? { inserts: 0, updates: 0, deletes: 0 }
    const changes = c.inserts + c.updates + c.deletes
    return { table: t.table, loaded: Math.max(0, t.rows - changes), inserts: c.inserts, updates: c.updates, deletes: c.deletes, rows: t.rows }
  })
}

/** The age of an instant in seconds at `now`, or null. */
export function ageSeconds(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null
  const ms = now - new Date(iso).getTime()
  return Number.isFinite(ms) ? Math.max(0, ms / 1000) : null
}

/** Keeps the last `max` samples of a series (the lag chart's history while the page is open). */
export function appendSample(series: Sample[], s: Sample, max = 600): Sample[] {
  const last = series[series.length - 1]
  if (last && s.t <= last.t) return series
  const next = [...series, s]
  return next.length > max ? next.slice(next.length - max) : next
}
