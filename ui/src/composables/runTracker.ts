import { ref } from 'vue'
import type { CdcMetrics, TableProgress } from '../api/types'
import { appendSample, RecentRate, type Sample } from '../forms/runMetrics'

interface Tracked {
  run: RecentRate
  tables: Map<string, RecentRate>
  lag: Sample[]
}

/**
 * Remembers successive readings of executions (live messages, reloads) to derive what one reading cannot
 * tell: the rate now (rows over the last ten seconds, per run and per table) and the lag over time.
 */
export function useRunTracker(windowMs = 10_000) {
  const tracked = new Map<number, Tracked>()
  /** bumped on every reading, so computed figures follow */
  const version = ref(0)

  function entry(id: number): Tracked {
    let e = tracked.get(id)
    if (!e) {
      e = { run: new RecentRate(windowMs), tables: new Map(), lag: [] }
      tracked.set(id, e)
    }
    return e
  }

  function observe(id: number, reading: { processed_rows: number; tables?: TableProgress[]; cdc?: CdcMetrics | null },
    at = Date.now()): void {
    const e = entry(id)
    e.run.add(at, reading.processed_rows)
    for (const t of reading.tables ?? []) {
      let r = e.tables.get(t.table)
      if (!r) e.tables.set(t.table, (r = new RecentRate(windowMs)))
      r.add(at, t.rows)
    }
    if (reading.cdc && reading.cdc.lag_seconds !== null) e.lag = appendSample(e.lag, { t: at, v: reading.cdc.lag_seconds })
    version.value++
  }

  function currentRate(id: number): number | null {
    void version.value
    return tracked.get(id)?.run.perSecond() ?? null
  }

  function tableRates(id: number): Record<string, number | null> {
    void version.value
    const e = tracked.get(id)
    return e ? Object.fromEntries([...e.tables].map(([name, r]) => [name, r.perSecond()])) : {}
  }

  function lag(id: number): Sample[] {
    void version.value
    return tracked.get(id)?.lag ?? []
  }

  return { observe, currentRate, tableRates, lag }
}
