import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import AlertBadge from '../src/components/AlertBadge.vue'
import StreamSafety from '../src/components/StreamSafety.vue'
import AlertsPage from '../src/pages/AlertsPage.vue'
import RetentionChart from '../src/components/RetentionChart.vue'
import { bytes, retentionSeries, type Alert } from '../src/api/alerts'
import { stubFetch } from './stubFetch'

const replace = vi.fn()
const route = { path: '/alerts', query: {} as Record<string, string> }
vi.mock('vue-router', () => ({ useRouter: () => ({ push: replace, replace }), useRoute: () => route }))

const global = { stubs: { RouterLink: RouterLinkStub } }

const open: Alert = {
  id: 7, task_id: 3, task_name: 'orders stream', kind: 'position_lost', state: 'open', since: '2026-12-03T15:00:00Z',
  message: 'PostgreSQL invalidated the replication slot dtaas_task_3 (wal_status = lost)',
  action: 'resync: start the task (it is marked to resync at its next start)', resolved_at: null,
  created_at: '2026-12-03T15:00:01Z',
}
const resolved: Alert = {
  ...open, id: 5, kind: 'task_failed', state: 'resolved', message: 'Execution 9 failed: boom',
  action: 'Read the execution error', resolved_at: '2026-12-03T14:00:00Z',
}

afterEach(() => {
  vi.unstubAllGlobals()
  replace.mockReset()
  route.query = {}
})

describe('AlertBadge', () => {
  it('shows the open alerts of a task as a link to the alerts of that task', () => {
    const w = mount(AlertBadge, { props: { taskId: 3, count: 2 }, global })
    expect(w.text()).toContain('2 alerts')
    expect(w.findComponent(RouterLinkStub).props('to')).toBe('/alerts?task_id=3')
  })

  it('shows nothing when no alert is open', () => {
    for (const count of [0, null, undefined]) {
      const w = mount(AlertBadge, { props: { taskId: 3, count }, global })
      expect(w.find('[data-testid=alert-badge]').exists()).toBe(false)
    }
  })
})

describe('StreamSafety', () => {
  it('says why the next start resyncs, and what the source retains', () => {
    const w = mount(StreamSafety, {
      props: {
        resync: { reason: 'PostgreSQL invalidated the replication slot dtaas_task_3', since: '2026-12-03T15:00:00Z' },
        retention: { position_exists: true, retained_bytes: 1887437, wal_status: 'lost', safe_wal_size_bytes: null, measured_at: '2026-12-03T15:00:00Z' },
      },
    })
    expect(w.get('[data-testid=resync-required]').text()).toContain('Next start resyncs this task')
    expect(w.get('[data-testid=resync-required]').text()).toContain('invalidated')
    expect(w.get('[data-testid=source-retention]').text()).toContain('1.8 MB')
    expect(w.get('[data-testid=source-retention]').text()).toContain('slot lost')
  })

  it('shows nothing for a task without measurement or mark', () => {
    const w = mount(StreamSafety, { props: { retention: null, resync: null } })
    expect(w.find('[data-testid=resync-required]').exists()).toBe(false)
    expect(w.find('[data-testid=source-retention]').exists()).toBe(false)
  })

  it('formats bytes', () => {
    expect(bytes(512)).toBe('512 B')
    expect(bytes(3 * 1024 * 1024 * 1024)).toBe('3.0 GB')
    expect(bytes(null)).toBe('—')
  })
})

describe('AlertsPage', () => {
  it('lists open alerts by default, then resolved or all, with task, since, message and action', async () => {
    const calls = stubFetch({ 'GET /api/alerts': { body: [open] } })
    const w = mount(AlertsPage, { global })
    await flushPromises()
    expect(calls[0].url).toBe('/api/alerts?state=open')
    const row = w.get('[data-alert=position_lost]')
    expect(row.text()).toContain('orders stream')
    expect(row.text()).toContain('position lost')
    expect(row.text()).toContain('invalidated')
    expect(row.text()).toContain('resync')
    expect(row.findComponent(RouterLinkStub).props('to')).toBe('/tasks/3')

    stubFetch({ 'GET /api/alerts': { body: [resolved] } })
    await w.get('[data-testid=alert-state]').setValue('resolved')
    await flushPromises()
    expect(w.get('[data-alert=task_failed]').text()).toContain('resolved')
    expect(w.find('[data-alert=position_lost]').exists()).toBe(false)
  })

  it('filters on the task named in the address and can drop that filter', async () => {
    route.query = { task_id: '3' }
    const calls = stubFetch({ 'GET /api/alerts': { body: [] } })
    const w = mount(AlertsPage, { global })
    await flushPromises()
    expect(calls[0].url).toBe('/api/alerts?state=open&task_id=3')
    expect(w.text()).toContain('No open alerts for this task')
    await w.get('[data-testid=alert-task-filter]').trigger('click')
    expect(replace).toHaveBeenCalledWith({ path: '/alerts', query: { state: 'open' } })
  })
})

describe('retention over time', () => {
  const measured = [
    { measured_at: '2026-12-04T10:00:00Z', position_exists: true, retained_bytes: 1024, safe_wal_size_bytes: null, purge_in_seconds: 7200 },
    { measured_at: '2026-12-04T10:00:30Z', position_exists: true, retained_bytes: 4096, safe_wal_size_bytes: null, purge_in_seconds: 7170 },
    { measured_at: '2026-12-04T10:01:00Z', position_exists: false, retained_bytes: null, safe_wal_size_bytes: null, purge_in_seconds: null },
  ]

  it('charts the retained bytes of the measurements in order, leaving out those without a count', () => {
    expect(retentionSeries(measured)).toEqual([
      { t: Date.parse('2026-12-04T10:00:00Z'), v: 1024 },
      { t: Date.parse('2026-12-04T10:00:30Z'), v: 4096 },
    ])
  })

  it('loads the task\'s history and draws it on the task page chart', async () => {
    const calls = stubFetch({ 'GET /api/tasks/3/retention': { body: measured } })
    const w = mount(RetentionChart, { props: { taskId: 3, measuredAt: '2026-12-04T10:01:00Z' } })
    await flushPromises()
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/tasks/3/retention'])
    const chart = w.get('[data-testid=retention-chart]')
    expect(chart.attributes('aria-label')).toContain('retains')
    expect(chart.findAll('path').length).toBe(2) // area and line
    expect(w.find('[data-testid=chart-empty]').exists()).toBe(false)
    await w.setProps({ measuredAt: '2026-12-04T10:01:30Z' })
    await flushPromises()
    expect(calls).toHaveLength(2) // a newer measurement reloads the history
  })

  it('says when nothing was measured yet', async () => {
    stubFetch({ 'GET /api/tasks/4/retention': { body: [] } })
    const w = mount(RetentionChart, { props: { taskId: 4 } })
    await flushPromises()
    expect(w.get('[data-testid=chart-empty]').text()).toContain('No retained log measured yet')
  })

  it('shows a binlog source\'s needed file, its expiry, and a purged file', () => {
    const kept = mount(StreamSafety, {
      props: { retention: { position_exists: true, retained_bytes: 2048, wal_status: null, safe_wal_size_bytes: null,
        oldest_needed_file: 'binlog.000007', purge_in_seconds: 5 * 3600 + 12 * 60, measured_at: '2026-12-04T10:00:00Z' } },
    })
    expect(kept.get('[data-testid=source-retention]').text()).toContain('from binlog binlog.000007')
    expect(kept.get('[data-testid=source-retention]').text()).toContain('in 5 h 12 min')
    const purged = mount(StreamSafety, {
      props: { retention: { position_exists: false, retained_bytes: null, wal_status: null, safe_wal_size_bytes: null,
        oldest_needed_file: 'binlog.000007', purge_in_seconds: null, measured_at: '2026-12-04T10:00:00Z' } },
    })
    expect(purged.get('[data-testid=source-retention]').text()).toContain('purged the binlog binlog.000007')
  })
})
