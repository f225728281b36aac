import type { Point } from '../components/ThroughputChart.vue'

export interface Run {
  id: number
  started_at: string | null
  finished_at: string | null
  rows_per_second: number | null
}

/**
 * Rows per second over [now - windowMs, now] as a step series: each execution contributes its average rate
 * over its run time, overlapping executions add up, and one still running (no finished_at) lasts until now
 * at its latest live rate (`liveRates`, by execution id).
 */
export function throughputSeries(runs: Run[], liveRates: Map<number, number>, now: number, windowMs: number): Point[] {
  const start = now - windowMs
  const spans: { from: number; to: number; v: number }[] = []
  for (const r of runs) {
    if (!r.started_at) continue
    const from = new Date(r.started_at).getTime()
    const to = r.finished_at ? new Date(r.finished_at).getTime() : now
    const v = liveRates.get(r.id) ?? r.rows_per_second ?? 0
    if (to < start || v <= 0) continue
    spans.push({ from: Math.max(from, start), to: Math.max(to, from + 1), v })
  }
  const at = (t: number) => spans.reduce((sum, s) => (t >= s.from && t < s.to ? sum + s.v : sum), 0)
  const edges = [...new Set(spans.flatMap((s) => [s.from, s.to]))].filter((t) => t >= start && t <= now).sort((a, b) => a - b)
  const points: Point[] = [{ t: start, v: at(start) }]
  for (const t of edges) {
    points.push({ t, v: at(t - 1) })
    points.push({ t, v: at(t) })
  }
  points.push({ t: now, v: at(now - 1) })
  return points
}
