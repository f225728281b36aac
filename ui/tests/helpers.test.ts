import { describe, expect, it } from 'vitest'
import { applyToTables, compact, newStep, validateSteps } from '../src/forms/transformations'
import { matching, toggleAll } from '../src/forms/tableSelection'
import { allowedActions } from '../src/forms/taskActions'
import { cutNote, duration, progressOf } from '../src/format'
import type { TransformationType } from '../src/api/types'

const upper: TransformationType = {
  type: 'uppercase', category: 'column', description: 'upper-cases a column', cdc_allowed: true,
  fields: [{ name: 'column', type: 'string', required: true }],
}

describe('table selection', () => {
  it('selects by glob pattern, case-insensitively', () => {
    expect(matching('ord*', ['orders', 'Order_items', 'customers'])).toEqual(['orders', 'Order_items'])
    expect(matching('%s', ['orders', 'customer'])).toEqual(['orders'])
  })

  it('select-all adds the shown tables, and removes them when all were selected', () => {
    expect(toggleAll(['a'], ['a', 'b'])).toEqual(['a', 'b'])
    expect(toggleAll(['a', 'b', 'c'], ['a', 'b'])).toEqual(['c'])
  })
})

describe('transformations', () => {
  it('flags missing required fields with the API path', () => {
    expect(validateSteps([newStep(upper)], [upper])).toEqual({ 'transformations[0].config.column': 'required' })
    expect(validateSteps([{ type: 'nope', config: {} }], [upper])).toEqual({ 'transformations[0].type': 'unknown transformation nope' })
  })

  it('bulk-applies copies, replacing or appending', () => {
    const step = { type: 'uppercase', config: { column: 'name' } }
    const map = applyToTables({ b: [{ type: 'x', config: {} }] }, ['a', 'b'], [step], false)
    expect(map.a).toEqual([step])
    expect(map.b.map((s) => s.type)).toEqual(['x', 'uppercase'])
    map.a[0].config.column = 'changed'
    expect(step.config.column).toBe('name')
    expect(applyToTables(map, ['b'], [step], true).b).toEqual([step])
    expect(compact({ a: [step], b: [], c: [step] }, ['a', 'b'])).toEqual({ a: [step] })
  })
})

describe('task actions and progress', () => {
  it('offers only the actions the status allows', () => {
    expect(allowedActions('idle')).toEqual(['start'])
    expect(allowedActions('running')).toEqual(['pause', 'stop'])
    expect(allowedActions('paused')).toEqual(['resume', 'stop'])
    expect(allowedActions('failed')).toEqual(['start', 'resume'])
    expect(allowedActions('stopping')).toEqual([])
  })

  it('computes progress from chunks, and durations', () => {
    expect(progressOf([])).toBeNull()
    expect(progressOf([{ chunks_done: 1, chunks_total: 4, state: 'running' }, { chunks_done: 0, chunks_total: 0, state: 'completed' }])).toBeCloseTo(0.4)
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:01:05Z')).toBe('1m 05s')
    expect(duration('2026-01-01T00:00:00Z', '2026-01-01T00:00:02.5Z')).toBe('2.5 s')
  })
})

describe('throughput series', () => {
  it('adds overlapping runs at their average rate and keeps a running one live until now', async () => {
    const { throughputSeries } = await import('../src/forms/throughput')
    const t0 = Date.parse('2026-01-01T00:00:00Z')
    const iso = (s: number) => new Date(t0 + s * 1000).toISOString()
    const runs = [
      { id: 1, started_at: iso(10), finished_at: iso(30), rows_per_second: 100 },
      { id: 2, started_at: iso(20), finished_at: null, rows_per_second: 5 },
      { id: 3, started_at: null, finished_at: null, rows_per_second: 999 },
    ]
    const pts = throughputSeries(runs, new Map([[2, 50]]), t0 + 60_000, 60_000)
    const at = (s: number) => pts.filter((p) => p.t === t0 + s * 1000).map((p) => p.v)
    expect(pts[0]).toEqual({ t: t0, v: 0 })
    expect(at(10)).toEqual([0, 100])
    expect(at(20)).toEqual([100, 150])
    expect(at(30)).toEqual([150, 50])
    expect(pts[pts.length - 1]).toEqual({ t: t0 + 60_000, v: 50 })
    expect(Math.max(...pts.map((p) => p.v))).toBe(150)
  })
})

describe('live socket URL', () => {
  it('follows the page scheme and host, filters by task, and carries the token as a query parameter', async () => {
    const { liveUrl } = await import('../src/composables/live')
    const loc = { protocol: 'https:', host: 'dtaas.example:8443' } as Location
    expect(liveUrl(undefined, loc, null)).toBe('wss://dtaas.example:8443/ws')
    expect(liveUrl(3, { protocol: 'http:', host: 'localhost:8000' } as Location, 'a b')).toBe('ws://localhost:8000/ws?task_id=3&access_token=a+b')
  })
})

describe('cut results', () => {
  it('says which limits cut a result', () => {
    expect(cutNote({ values_truncated: false, truncated_cells: [], size_truncated: false })).toBe('')
    expect(cutNote({})).toBe('')
    expect(cutNote({ values_truncated: true, truncated_cells: [[0, 1]] })).toBe('1 long value cut at 64 KiB')
    expect(cutNote({ values_truncated: true, truncated_cells: [[0, 1], [1, 1]], size_truncated: true }))
      .toBe('2 long values cut at 64 KiB; rows stopped at the 8 MiB size limit')
  })
})
