import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import AlertBadge from '../src/components/AlertBadge.vue'
import StreamSafety from '../src/components/StreamSafety.vue'
import AlertsPage from '../src/pages/AlertsPage.vue'
import { bytes, type Alert } from '../src/api/alerts'
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
