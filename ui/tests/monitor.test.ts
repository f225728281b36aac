import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import { reactive } from 'vue'
import StreamMonitor from '../src/components/StreamMonitor.vue'
import RunProgress from '../src/components/RunProgress.vue'
import ExecutionTables from '../src/components/ExecutionTables.vue'
import TaskDetailPage from '../src/pages/TaskDetailPage.vue'
import type { CdcMetrics, Execution, LiveMessage, Task } from '../src/api/types'
import { etaSeconds, expectedRows, mib, phaseOf, RecentRate, seconds, streamTables } from '../src/forms/runMetrics'
import { rowEstimates } from '../src/forms/estimates'
import { when } from '../src/format'
import { stubFetch } from './stubFetch'

const route = reactive({ path: '/tasks/7', query: {} as Record<string, string | undefined> })
const replace = vi.fn((to: { query: Record<string, string | undefined> }) => { route.query = to.query })
vi.mock('vue-router', () => ({ useRouter: () => ({ push: replace, replace }), useRoute: () => route }))

/** A WebSocket the test feeds by hand: `FakeSocket.last.send(message)`. */
class FakeSocket {
  static last: FakeSocket | null = null
  onopen: (() => void) | null = null
  onmessage: ((ev: { data: string }) => void) | null = null
  onclose: (() => void) | null = null
  constructor() { FakeSocket.last = this; setTimeout(() => this.onopen?.(), 0) }
  feed(m: unknown): void { this.onmessage?.({ data: JSON.stringify(m) }) }
  close(): void { /* the page unmounts */ }
}

afterEach(() => {
  vi.unstubAllGlobals()
  replace.mockClear()
  route.query = {}
})

const cdc = (changes: CdcMetrics['changes'], lag = 1.5): CdcMetrics => ({
  lag_seconds: lag, position_gap_bytes: 3 * 1048576, events_per_second: 42, last_applied_at: '2026-12-03T10:00:00Z', changes,
})
const table = (name: string, rows: number, extra: Partial<Execution['table_progress'][number]> = {}) => ({
  table: name, state: 'running', rows, bytes: 0, chunks_done: 0, chunks_total: 0, error: null, ...extra,
})

describe('run figures (issue 14.7, 14.8)', () => {
  it('the rate now is the last ten seconds, not the average since the start', () => {
    const r = new RecentRate(10_000)
    r.add(0, 0)
    r.add(60_000, 600_000) // 10,000 rows/s for a minute
    expect(r.perSecond()).toBe(10_000)
    r.add(65_000, 610_000) // then 2,000 rows/s
    r.add(72_000, 624_000)
    expect(r.perSecond()).toBe(2_000)
    r.add(73_000, 5) // a new run's counter: starts over
    expect(r.perSecond()).toBeNull()
  })

  it('expected rows come from the source estimate, else from the chunks done; the ETA from the rate now', () => {
    expect(expectedRows({ rows: 100, chunks_done: 1, chunks_total: 4, state: 'running' }, 1000)).toBe(1000)
    expect(expectedRows({ rows: 100, chunks_done: 1, chunks_total: 4, state: 'running' }, null)).toBe(400)
    expect(expectedRows({ rows: 100, chunks_done: 1, chunks_total: 4, state: 'running' }, 50)).toBe(400) // stale estimate
    expect(expectedRows({ rows: 100, chunks_done: 0, chunks_total: 0, state: 'running' })).toBeNull()
    expect(expectedRows({ rows: 7, chunks_done: 1, chunks_total: 4, state: 'completed' }, 1000)).toBe(7)
    expect(etaSeconds(300, 100)).toBe(3)
    expect(etaSeconds(300, 0)).toBeNull()
    expect(seconds(185)).toBe('3m 05s')
    expect(mib(3 * 1048576 + 104858)).toBe('3.1 MiB')
    expect(mib(31_000)).toBe('0.03 MiB')
  })

  it('the phase follows the stream metrics; per table the load and the changes add up to the rows written', () => {
    expect(phaseOf('full_load', null)).toBeNull()
    expect(phaseOf('full_load_then_cdc', null)).toBe('initial_load')
    expect(phaseOf('full_load_then_cdc', cdc({}))).toBe('streaming')
    expect(phaseOf('cdc', null)).toBe('streaming')
    const rows = streamTables([table('public.orders', 1060)], cdc({ 'public.orders': { inserts: 40, updates: 15, deletes: 5 } }))
    expect(rows).toEqual([{ table: 'public.orders', loaded: 1000, inserts: 40, updates: 15, deletes: 5, rows: 1060 }])
  })

  it('dates are unambiguous ISO', () => {
    expect(when('2026-03-04T05:06:07')).toBe('2026-03-04 05:06:07')
  })

  it('row estimates are asked per schema and keyed as progress names the tables', async () => {
    const list = vi.fn(async (schema: string | null) => (schema === 'sales'
      ? [{ name: 'orders', schema: 'sales', row_estimate: 300 }]
      : [{ name: 'customers', schema: 'public', row_estimate: 50 }, { name: 'other', schema: 'public', row_estimate: 9 }]))
    const e = await rowEstimates(['customers', 'sales.orders', 'log_%'], list)
    expect(list).toHaveBeenCalledTimes(2)
    expect(e).toEqual({ 'public.customers': 50, customers: 50, 'sales.orders': 300 })
  })
})

describe('StreamMonitor', () => {
  it('keeps the load total visible once streaming and shows lag, events/s, WAL and I/U/D per table', () => {
    const w = mount(StreamMonitor, { props: {
      mode: 'full_load_then_cdc', status: 'running', now: Date.parse('2026-12-03T10:00:04Z'),
      cdc: cdc({ 'public.orders': { inserts: 40, updates: 15, deletes: 5 } }),
      tables: [table('public.orders', 1060), table('public.customers', 500)],
      lag: [{ t: 1, v: 2 }, { t: 2, v: 1.5 }],
    } })
    expect(w.find('[data-testid=stream-monitor]').attributes('data-phase')).toBe('streaming')
    expect(w.find('[data-testid=phase-load]').text()).toBe('Initial load ✓ 1,500 rows')
    expect(w.find('[data-testid=monitor-lag]').text()).toBe('1.5 s')
    expect(w.find('[data-testid=monitor-eps]').text()).toBe('42')
    expect(w.find('[data-testid=monitor-last]').text()).toBe('4.0 s ago')
    expect(w.find('[data-testid=monitor-wal]').text()).toBe('3.0 MiB')
    expect(w.find('[data-testid=monitor-applied]').text()).toBe('60')
    const orders = w.find('[data-table="public.orders"]')
    expect(['loaded', 'inserts', 'updates', 'deletes'].map((k) => orders.find(`[data-testid=monitor-${k}]`).text()))
      .toEqual(['1,000', '40', '15', '5'])
    expect(w.find('[data-testid=lag-chart]').exists()).toBe(true)
  })

  it('says initial load while a full_load_then_cdc still loads', () => {
    const w = mount(StreamMonitor, { props: { mode: 'full_load_then_cdc', status: 'running', cdc: null, tables: [table('t', 10)] } })
    expect(w.find('[data-testid=stream-monitor]').attributes('data-phase')).toBe('initial_load')
    expect(w.find('[data-testid=monitor-lag]').text()).toBe('—')
  })
})

describe('RunProgress and ExecutionTables', () => {
  it('shows elapsed, the rate now, the expected total and the ETA; bytes as MiB', () => {
    const w = mount(RunProgress, { props: {
      status: 'running', startedAt: '2026-12-03T10:00:00Z', finishedAt: null, now: Date.parse('2026-12-03T10:01:05Z'),
      processedRows: 4000, averageRate: 61.5, currentRate: 100,
      tables: [table('a', 3000, { bytes: 2 * 1048576 }), table('b', 1000, { chunks_done: 1, chunks_total: 2 }),
        table('c', 99, { state: 'skipped' })],
      estimates: { a: 5000 },
    } })
    expect(w.find('[data-testid=run-elapsed]').text()).toBe('1m 05s')
    expect(w.find('[data-testid=run-rows]').text()).toBe('4,000')
    expect(w.find('[data-testid=run-expected]').text()).toBe('of ~7,000')
    expect(w.find('[data-testid=run-rate-now]').text()).toBe('100 rows/s')
    expect(w.find('[data-testid=run-rate-avg]').text()).toBe('62 rows/s')
    expect(w.find('[data-testid=run-eta]').text()).toBe('30 s')
    expect(w.find('[data-testid=run-bytes]').text()).toBe('2.0 MiB')
  })

  it('lists rows read, written and filtered per table and each running table\'s ETA', () => {
    const w = mount(ExecutionTables, { props: {
      tables: [table('public.orders', 700, { rows_read: 1000, rows_filtered: 300, bytes: 1048576, chunks_done: 1, chunks_total: 2 }),
        table('public.log', 5, { state: 'completed', chunks_done: 1, chunks_total: 1, bytes: 10 })],
      rates: { 'public.orders': 70 }, estimates: { 'public.orders': 1400 },
    } })
    const orders = w.find('[data-table="public.orders"]')
    expect(['read', 'rows', 'filtered', 'bytes', 'eta'].map((k) => orders.find(`[data-testid=table-${k}]`).text()))
      .toEqual(['1,000', '700', '300', '1.0 MiB', '10 s'])
    expect(w.find('[data-table="public.log"] [data-testid=table-read]').text()).toBe('—')
  })
})

describe('TaskDetailPage (issues 14.7, 14.9)', () => {
  const task: Task = {
    id: 7, name: 'orders stream', description: null, source_connector_id: 1, destination_connector_id: 2,
    mode: 'full_load_then_cdc', schedule_type: 'interval', schedule: { interval_seconds: 3600 }, config: { tables: ['orders'] },
    status: 'running', last_execution: null, next_run_at: '2026-12-03T11:00:00Z', schedule_note: null,
    created_at: '2026-12-01T00:00:00Z', updated_at: '2026-12-01T00:00:00Z',
  }
  const run = (id: number, n: number, over: Partial<Execution>): Execution => ({
    id, task_id: 7, status: 'completed', processed_rows: 100, rows_per_second: 10, started_at: '2026-12-03T09:00:00Z',
    finished_at: '2026-12-03T09:00:10Z', error_message: null, table_progress: [], created_at: '2026-12-03T09:00:00Z',
    run_number: n, trigger: 'manual', variables: {}, cdc: null, ...over,
  })

  it('numbers the runs, keeps the selected one in the URL and shows its trigger, variables and stream', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    stubFetch({
      'GET /api/tasks/7': { body: task },
      'GET /api/tasks/7/executions': { body: [
        run(12, 2, { status: 'running', finished_at: null, trigger: 'resume', resumed_from: 9, processed_rows: 1060,
          table_progress: [table('public.orders', 1060, { rows_read: 1000 })],
          cdc: cdc({ 'public.orders': { inserts: 40, updates: 15, deletes: 5 } }) }),
        run(9, 1, { status: 'paused', resumed_by: 12, trigger: 'schedule', variables: { run_date: { value: '2026-12-03', value_type: 'date' } } }),
      ] },
      'GET /api/connectors': { body: [] },
      'GET /api/tasks/7/targets': { body: { targets: [], note: null, problems: [] } },
      'GET /api/connectors/1/tables': { body: [{ name: 'orders', schema: 'public', row_estimate: 1000 }] },
      'GET /api/validations': { body: [] },
      'GET /api/tasks/7/validations': { body: [] },
    })
    const w = mount(TaskDetailPage, { props: { id: '7' }, global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    expect(w.findAll('[data-testid=run-number]').map((x) => x.text())).toEqual(['#2', '#1'])
    expect(w.find('[data-testid=next-run]').text()).toContain(when('2026-12-03T11:00:00Z'))
    expect(w.find('[data-execution="9"] [data-testid=status]').text()).toBe('paused → resumed by #2')
    // the newest run is shown: streaming, with the load's rows still there
    expect(w.find('[data-testid=selected-run] h2').text()).toContain('Run #2')
    expect(w.find('[data-testid=run-trigger]').text()).toBe('resumed by hand')
    expect(w.find('[data-testid=stream-monitor]').attributes('data-phase')).toBe('streaming')
    expect(w.find('[data-testid=phase-load]').text()).toContain('1,000 rows')

    // a live message moves the figures of the same record
    FakeSocket.last!.feed({ type: 'execution_progress', execution_id: 12, task_id: 7, status: 'running', processed_rows: 1070,
      bytes: 0, rows_per_second: 5, error: null, at: '', tables: [table('public.orders', 1070, { rows_read: 1000 })],
      cdc: cdc({ 'public.orders': { inserts: 50, updates: 15, deletes: 5 } }, 0.5) } satisfies LiveMessage)
    await flushPromises()
    expect(w.find('[data-testid=monitor-inserts]').text()).toBe('50')
    expect(w.find('[data-testid=monitor-lag]').text()).toBe('0.5 s')
    expect(w.find('[data-testid=run-rows]').text()).toBe('1,070')

    // selecting the older run puts it in the URL and shows its variables
    await w.find('[data-execution="9"]').trigger('click')
    expect(replace).toHaveBeenLastCalledWith({ query: { run: '9' } })
    await flushPromises()
    expect(w.find('[data-testid=selected-run] h2').text()).toContain('Run #1')
    expect(w.find('[data-testid=run-trigger]').text()).toBe('started by its schedule')
    expect(w.find('[data-variable=run_date]').text()).toContain('2026-12-03')
    w.unmount()
  })
})

describe('DashboardPage (issues 14.2, 14.7, 14.13)', () => {
  const stats = (over: Partial<import('../src/api/types').DashboardStats> = {}) => ({
    total_tasks: 0, tasks_by_status: {}, total_connectors: 0, source_connectors: 0, destination_connectors: 0,
    active_executions: 0, executions_today: 0, failed_today: 0, rows_today: 0, throughput_rows_per_second: 0,
    workers: { mode: 'standalone', online: 1, slots: 4, busy: 0 }, redis_configured: false, ...over,
  })

  it('leads a new user from source to destination to task', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    stubFetch({
      'GET /api/dashboard/stats': { body: stats({ total_connectors: 1, source_connectors: 1 }) },
      'GET /api/dashboard/executions/recent': { body: [] },
      'GET /q/health': { body: { status: 'UP', checks: [] } },
    })
    const { default: DashboardPage } = await import('../src/pages/DashboardPage.vue')
    const w = mount(DashboardPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    const steps = w.findAll('[data-testid=first-run] li')
    expect(steps.map((s) => s.attributes('data-done'))).toEqual(['true', 'false', 'false'])
    expect(steps[1].findComponent(RouterLinkStub).props('to')).toBe('/connectors/new')
    expect(steps[2].findComponent(RouterLinkStub).props('to')).toBe('/tasks/new')
    w.unmount()
  })

  it('shows one figure per run: the live row and the recent list agree, and a stream shows its lag', async () => {
    vi.stubGlobal('WebSocket', FakeSocket)
    stubFetch({
      'GET /api/dashboard/stats': { body: stats({ total_tasks: 1, total_connectors: 2, source_connectors: 1, destination_connectors: 1 }) },
      'GET /api/dashboard/executions/recent': { body: [{ id: 5, task_id: 7, task_name: 'orders', status: 'running', processed_rows: 196_600,
        rows_per_second: 60_593, error_message: null, started_at: '2026-12-03T10:00:00Z', finished_at: null, created_at: '2026-12-03T10:00:00Z', run_number: 3 }] },
      'GET /q/health': { body: { status: 'UP', checks: [] } },
    })
    const { default: DashboardPage } = await import('../src/pages/DashboardPage.vue')
    const w = mount(DashboardPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    expect(w.find('[data-testid=first-run]').exists()).toBe(false)
    FakeSocket.last!.feed({ type: 'execution_progress', execution_id: 5, task_id: 7, status: 'running', processed_rows: 645_150,
      bytes: 0, rows_per_second: 77_321, error: null, at: '', tables: [], cdc: cdc({}, 2.25) } satisfies LiveMessage)
    await flushPromises()
    const live = w.find('[data-testid=active-executions] [data-execution="5"]')
    const listed = w.find('[data-testid=recent-activity] [data-execution="5"]')
    expect(live.find('[data-testid=live-rows]').text()).toBe('645,150')
    expect(listed.find('[data-testid=recent-rows]').text()).toBe('645,150')
    expect(listed.find('[data-testid=recent-rate]').text()).toBe('77,321 rows/s')
    expect(listed.text()).toContain('run #3')
    expect(live.find('[data-testid=live-lag]').text()).toBe('2.3 s')

    // the server goes away: the socket drops, the figures stay greyed out under a banner
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch') }))
    FakeSocket.last!.onopen?.()
    FakeSocket.last!.onclose?.()
    await vi.waitFor(() => expect(w.find('[data-testid=server-unreachable]').exists()).toBe(true), { timeout: 2000 })
    expect(w.find('[data-testid=server-unreachable]').text()).toContain('The server cannot be reached')
    expect(w.find('[data-testid=health-banner]').exists()).toBe(true)
    expect(w.find('[data-testid=recent-activity] [data-testid=recent-rows]').text()).toBe('645,150')
    expect(w.find('[data-testid=live-indicator]').text()).toContain('server unreachable')
    w.unmount()
  })
})
