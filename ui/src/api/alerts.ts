import { api, query } from './client'

/** Alert kinds, as GET /api/alerts names them (docs/operations.md, "Alerts and notifications"). */
export type AlertKind = 'task_failed' | 'task_recovered' | 'lag_threshold' | 'retention_threshold' | 'position_lost'
  | 'worker_lost' | 'schedule_missed' | 'validation_different'

export interface Alert {
  id: number
  task_id: number
  task_name: string
  kind: AlertKind
  state: 'open' | 'resolved'
  since: string
  message: string
  action: string
  resolved_at: string | null
  created_at: string
}

/** What the source keeps of its log for a streaming task (the task's source_retention). */
export interface SourceRetention {
  position_exists: boolean
  retained_bytes: number | null
  wal_status: string | null
  safe_wal_size_bytes: number | null
  /** MariaDB/MySQL: the binlog file holding the task's committed offset */
  oldest_needed_file?: string | null
  /** MariaDB/MySQL: seconds until the server's binlog expiry may purge that file */
  purge_in_seconds?: number | null
  measured_at: string
}

/** One measurement of GET /api/tasks/{id}/retention (oldest first). */
export interface RetentionPoint {
  measured_at: string
  position_exists: boolean
  retained_bytes: number | null
  safe_wal_size_bytes: number | null
  purge_in_seconds: number | null
}

/** Why the task's next start resyncs it (the task's resync_required). */
export interface ResyncRequired {
  reason: string
  since: string
}

export const alertsApi = {
  list: (state?: 'open' | 'resolved' | null, taskId?: number | null) =>
    api.get<Alert[]>(`/api/alerts${query({ state: state || null, task_id: taskId ?? null })}`),
  retention: (taskId: number, since?: string | null) =>
    api.get<RetentionPoint[]>(`/api/tasks/${taskId}/retention${query({ since: since ?? null })}`),
}

/** Retained bytes over time for the chart: measurements without a byte count (a purged binlog) are left out. */
export function retentionSeries(points: RetentionPoint[]): { t: number; v: number }[] {
  return points.filter((p) => p.retained_bytes !== null).map((p) => ({ t: new Date(p.measured_at).getTime(), v: p.retained_bytes as number }))
}

/** Bytes for people: 1.8 MB, 3.2 GB. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`
}
