import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ConnectorFormPage from '../src/pages/ConnectorFormPage.vue'
import AsyncState from '../src/components/AsyncState.vue'
import TaskActions from '../src/components/TaskActions.vue'
import ThroughputChart from '../src/components/ThroughputChart.vue'
import TransformationEditor from '../src/components/TransformationEditor.vue'
import ProblemMessage from '../src/components/ProblemMessage.vue'
import SystemHealth from '../src/components/SystemHealth.vue'
import ExecutionTables from '../src/components/ExecutionTables.vue'
import type { ConnectorType, DashboardStats, Health, TransformationType } from '../src/api/types'
import { toasts } from '../src/composables/toasts'
import { stubFetch } from './stubFetch'

const push = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push, replace: push }), useRoute: () => ({ path: '/' }) }))

const types: ConnectorType[] = [
  {
    id: 'postgresql', label: 'PostgreSQL', roles: ['source', 'destination'], browsable: true, fields: [
      { name: 'host', label: 'Host', type: 'string', required: true, default_value: null, secret: false, options: [], min: null, max: null, description: 'server' },
      { name: 'port', label: 'Port', type: 'integer', required: false, default_value: 5432, secret: false, options: [], min: 1, max: 65535, description: null },
      { name: 'password', label: 'Password', type: 'string', required: false, default_value: null, secret: true, options: [], min: null, max: null, description: null },
    ],
  },
  {
    id: 's3', label: 'Amazon S3', roles: ['destination'], browsable: false, fields: [
      { name: 'bucket_name', label: 'Bucket', type: 'string', required: true, default_value: null, secret: false, options: [], min: null, max: null, description: null },
    ],
  },
]

const global = { stubs: { RouterLink: RouterLinkStub } }

afterEach(() => {
  vi.unstubAllGlobals()
  push.mockReset()
  toasts.splice(0)
})

describe('ConnectorFormPage', () => {
  it('builds the form from the type declarations and switches with the role', async () => {
    stubFetch({ 'GET /api/connector-types': { body: types } })
    const w = mount(ConnectorFormPage, { global })
    await flushPromises()
    expect(w.find('#field-host').exists()).toBe(true)
    expect((w.find('#field-port').element as HTMLInputElement).value).toBe('5432')
    expect(w.find('#field-password').attributes('type')).toBe('password')
    expect(w.findAll('#connector-type option').map((o) => o.text())).toEqual(['PostgreSQL'])
    await w.find('input[value=destination]').setValue(true)
    expect(w.findAll('#connector-type option').map((o) => o.text())).toEqual(['PostgreSQL', 'Amazon S3'])
  })

  it('validates inline before calling the server, then shows the server problem per field', async () => {
    const calls = stubFetch({
      'GET /api/connector-types': { body: types },
      'POST /api/connectors': {
        status: 422,
        body: { status: 422, detail: 'connection_config.host: cannot resolve', errors: [{ field: 'connection_config.host', message: 'cannot resolve' }] },
      },
    })
    const w = mount(ConnectorFormPage, { global })
    await flushPromises()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('required')
    expect(w.find('#field-host').attributes('aria-invalid')).toBe('true')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    await w.find('#connector-name').setValue('pg')
    await w.find('#field-host').setValue('nowhere')
    await w.find('#field-password').setValue('pw')
    await w.find('form').trigger('submit')
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST')
    expect(post?.body).toEqual({
      name: 'pg', description: null, connector_type: 'source', source_type: 'postgresql',
      connection_config: { host: 'nowhere', port: 5432, password: 'pw' },
    })
    expect(w.find('[data-testid=problem]').text()).toContain('cannot resolve')
    expect(w.find('#field-host').attributes('aria-invalid')).toBe('true')
    expect(push).not.toHaveBeenCalled()
  })

  it('shows the warnings of a connection test', async () => {
    stubFetch({
      'GET /api/connector-types': { body: types },
      'GET /api/connectors/7': {
        body: { id: 7, name: 'pg', description: null, connector_type: 'source', source_type: 'postgresql', destination_type: null,
          connection_config: { host: 'db', port: 5432, password: '********' }, is_active: true, status: 'ok',
          last_test_message: null, last_tested_at: null, created_at: '', updated_at: '' },
      },
      'POST /api/connectors/test': { body: { success: true, message: 'connected', failure: null, details: { latency_ms: 3, server_version: '15' },
        warnings: ['the role postgres is a superuser: it can run programs on the database host'] } },
    })
    const w = mount(ConnectorFormPage, { props: { id: '7' }, global })
    await flushPromises()
    expect(w.find('[data-testid=test-warnings]').exists()).toBe(false)
    await w.find('[data-testid=test-connection]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=test-result]').text()).toContain('Connection works.')
    expect(w.find('[data-testid=test-warnings]').text()).toContain('can do more than read')
    expect(w.find('[data-testid=test-warnings] li').text()).toContain('is a superuser')
  })

  it('never shows a stored secret, and keeps it when left empty', async () => {
    const calls = stubFetch({
      'GET /api/connector-types': { body: types },
      'GET /api/connectors/7': {
        body: { id: 7, name: 'pg', description: null, connector_type: 'source', source_type: 'postgresql', destination_type: null,
          connection_config: { host: 'db', port: 5432, password: '********' }, is_active: true, status: 'ok',
          last_test_message: null, last_tested_at: null, created_at: '', updated_at: '' },
      },
      'PUT /api/connectors/7': { body: { id: 7, name: 'pg' } },
      'POST /api/connectors/test': { body: { success: true, message: 'connected', failure: null, details: { latency_ms: 3, server_version: '15' } } },
    })
    const w = mount(ConnectorFormPage, { props: { id: '7' }, global })
    await flushPromises()
    const pw = w.find('#field-password').element as HTMLInputElement
    expect(pw.value).toBe('')
    expect(pw.placeholder).toContain('leave empty to keep')
    await w.find('[data-testid=test-connection]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=test-result]').text()).toContain('Connection works.')
    expect(calls.find((c) => c.url === '/api/connectors/test')?.body).toMatchObject({ connector_id: 7, connection_config: { password: '********' } })
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toMatchObject({ connection_config: { host: 'db', password: '********' } })
    expect(push).toHaveBeenCalledWith('/connectors')
  })
})

describe('small components', () => {
  it('AsyncState shows error with retry, loading, empty, then content', async () => {
    const err = mount(AsyncState, { props: { loading: false, error: 'boom', empty: true } })
    expect(err.text()).toContain('boom')
    await err.find('button').trigger('click')
    expect(err.emitted('retry')).toHaveLength(1)
    expect(mount(AsyncState, { props: { loading: true, error: null, empty: true } }).text()).toContain('Loading')
    expect(mount(AsyncState, { props: { loading: false, error: null, empty: true, emptyText: 'none' } }).text()).toBe('none')
    expect(mount(AsyncState, { props: { loading: false, error: null, empty: false }, slots: { default: 'ok' } }).text()).toBe('ok')
  })

  it('ProblemMessage lists every field error', () => {
    const w = mount(ProblemMessage, { props: { problem: { detail: 'bad', errors: [{ field: 'a', message: 'x' }, { field: 'b', message: 'y' }] } } })
    expect(w.text()).toContain('bad')
    expect(w.findAll('li')).toHaveLength(2)
  })

  it('TaskActions offers the allowed actions and reports the server refusal as a toast', async () => {
    stubFetch({ 'POST /api/tasks/3/start': { status: 409, body: { status: 409, detail: 'task 3 is running' } } })
    const w = mount(TaskActions, { props: { task: { id: 3, name: 't', status: 'completed' } } })
    expect(w.findAll('button').map((b) => b.text())).toEqual(['Start'])
    await w.find('button').trigger('click')
    await flushPromises()
    expect(toasts.map((t) => t.message)).toContain('task 3 is running')
    expect(w.emitted('done')).toBeUndefined()
  })

  it('TaskActions asks before Stop (issue 14.5) and shows pausing… until the task pauses (issue 14.2)', async () => {
    const calls = stubFetch({
      'POST /api/tasks/4/stop': { status: 202, body: { id: 8, status: 'stopping' } },
      'POST /api/tasks/4/pause': { status: 202, body: { id: 8, status: 'running' } },
    })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const w = mount(TaskActions, { props: { task: { id: 4, name: 'orders sync', status: 'running' } } })
    await w.find('button[data-action=stop]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('Stop "orders sync"?'))
    expect(calls.some((c) => c.url.endsWith('/stop'))).toBe(false)
    confirm.mockReturnValue(true)
    await w.find('button[data-action=stop]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.url.endsWith('/stop'))).toHaveLength(1)

    const paused = mount(TaskActions, { props: { task: { id: 4, name: 'orders sync', status: 'running' } } })
    await paused.find('button[data-action=pause]').trigger('click')
    await flushPromises()
    expect(paused.find('[data-testid=winding-down]').text()).toBe('pausing…')
    expect(paused.find('button[data-action=pause]').exists()).toBe(false)
    await paused.setProps({ task: { id: 4, name: 'orders sync', status: 'paused' } })
    expect(paused.findAll('button').map((b) => b.text())).toEqual(['Resume', 'Stop'])
  })

  it('SystemHealth greys out the last known states under a banner when the server is down (issue 14.3)', async () => {
    const health: Health = { status: 'UP', checks: [{ name: 'Database connections health check', status: 'UP' }] }
    const w = mount(SystemHealth, { props: { stats: null, health, healthError: null } })
    expect(w.find('[data-testid=health-banner]').exists()).toBe(false)
    expect(w.find('[data-testid=system-health]').classes()).not.toContain('stale')
    await w.setProps({ healthError: 'Failed to fetch' })
    expect(w.find('[data-testid=health-banner]').text()).toContain('cannot be reached')
    expect(w.find('[data-testid=system-health]').classes()).toContain('stale')
  })

  it('ExecutionTables says why a failed run has no tables, and shows where tables landed (issues 14.3, 14.1)', () => {
    const failed = mount(ExecutionTables, { props: { tables: [], status: 'failed', error: 'wal_level is replica' } })
    expect(failed.find('[data-testid=no-tables]').text()).toBe('This run ended (failed) before any table started: wal_level is replica.')
    const table = { table: 'public.orders', state: 'completed', rows: 5, bytes: 0, chunks_done: 1, chunks_total: 1, error: null }
    const done = mount(ExecutionTables, { props: { tables: [table], targets: { 'public.orders': 'ui_dest.orders' } } })
    expect(done.find('[data-testid=table-target]').text()).toBe('ui_dest.orders')
  })

  it('ThroughputChart draws a line through its samples', () => {
    const t = Date.now()
    const w = mount(ThroughputChart, { props: { points: [{ t: t - 4000, v: 0 }, { t: t - 2000, v: 500 }, { t, v: 1000 }] } })
    const d = w.findAll('path').map((p) => p.attributes('d')).find((x) => x?.startsWith('M') && !x.endsWith('Z'))
    expect(d?.split('L')).toHaveLength(3)
  })

  it('SystemHealth lists Redis only when the instance uses it', () => {
    const stats = (mode: string, redis: boolean): DashboardStats => ({ total_tasks: 0, tasks_by_status: {},
      total_connectors: 0, source_connectors: 0, destination_connectors: 0, active_executions: 0, executions_today: 0,
      failed_today: 0, rows_today: 0, throughput_rows_per_second: 0,
      workers: { mode, online: 1, slots: 4, busy: 0 }, redis_configured: redis })
    const db = { name: 'Database connections health check', status: 'UP' as const }
    const standalone = mount(SystemHealth, { props: { stats: stats('standalone', false),
      health: { status: 'UP', checks: [db] } as Health, healthError: null } })
    expect(standalone.text()).toContain('Metadata DB')
    expect(standalone.text()).not.toMatch(/redis/i)
    expect(standalone.find('[data-testid=redis-health]').exists()).toBe(false)
    const distributed = mount(SystemHealth, { props: { stats: stats('distributed', true), healthError: null,
      health: { status: 'DOWN', checks: [db, { name: 'Redis connection health check', status: 'DOWN' }] } as Health } })
    expect(distributed.find('[data-testid=redis-health] .badge').text()).toBe('DOWN')
  })

  it('TransformationEditor adds a step with fields from its declaration and flags errors', async () => {
    const tt: TransformationType[] = [{ type: 'uppercase', category: 'column', description: 'upper', cdc_allowed: true,
      fields: [{ name: 'column', type: 'string', required: true }] }]
    const w = mount(TransformationEditor, { props: { types: tt, modelValue: [], errors: {} } })
    await w.find('[data-testid=add-transformation-type]').setValue('uppercase')
    await w.find('[data-testid=add-transformation]').trigger('click')
    const steps = w.emitted('update:modelValue')?.[0]?.[0]
    expect(steps).toEqual([{ type: 'uppercase', config: {} }])
    await w.setProps({ modelValue: steps as never, errors: { 'transformations[0].config.column': 'required' } })
    expect(w.find('#t0-column').attributes('aria-invalid')).toBe('true')
    await w.find('#t0-column').setValue('name')
    expect(w.emitted('update:modelValue')?.[1]?.[0]).toEqual([{ type: 'uppercase', config: { column: 'name' } }])
  })
})

describe('API token', () => {
  it('asks for the token after a 401 and sends it as a bearer token afterwards', async () => {
    const { tokenNeeded, setApiToken } = await import('../src/api/token')
    const { api } = await import('../src/api/client')
    const TokenPrompt = (await import('../src/components/TokenPrompt.vue')).default
    stubFetch({ 'GET /api/tasks': { status: 401, body: { status: 401, detail: 'token required' } } })
    const w = mount(TokenPrompt)
    await expect(api.get('/api/tasks')).rejects.toThrow('token required')
    await flushPromises()
    expect(tokenNeeded.value).toBe(true)
    expect(w.find('[data-testid=token-prompt]').exists()).toBe(true)
    setApiToken('t0k')
    const seen: Record<string, string>[] = []
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => {
      seen.push(init?.headers as Record<string, string>)
      return new Response('[]', { status: 200 })
    }))
    await api.get('/api/tasks')
    expect(seen[0].Authorization).toBe('Bearer t0k')
    setApiToken(null)
  })
})

describe('ValidationPanel', () => {
  const report = {
    table: 'public.customers', target: 'public.customers', verdict: 'different', reason: null, source_rows: 2000,
    target_rows: 2000, differing_keys: 2, rows_scanned: 4000, rows_fetched: 300, repaired_keys: null, duration_ms: 12,
    differences: [
      { key: { cust_id: '17' }, kind: 'missing_in_target', source: { cust_id: '17', country: 'FI' }, target: null },
      { key: { cust_id: '30' }, kind: 'values_differ', source: { cust_id: '30', country: null }, target: { cust_id: '30', country: '' } },
    ],
  }
  const run = {
    id: 4, task_id: 3, status: 'completed', verdict: 'different', repair: false, trigger: 'api', requested: [],
    tables: [report], error_message: null, started_at: '2026-12-03T15:00:00Z', finished_at: '2026-12-03T15:00:01Z',
  }

  it('shows the newest run with per-table verdicts and what differs, and starts a repair', async () => {
    const { default: ValidationPanel } = await import('../src/components/ValidationPanel.vue')
    const calls = stubFetch({
      'GET /api/tasks/3/validations': { body: [run] },
      'POST /api/tasks/3/validate': { status: 202, body: { ...run, id: 5, status: 'running', verdict: null, repair: true, tables: [] } },
    })
    const w = mount(ValidationPanel, { props: { taskId: 3 }, global })
    await flushPromises()
    expect(w.find('[data-testid=validation-verdict] [data-testid=status]').text()).toBe('different')
    expect(w.find('[data-table="public.customers"]').text()).toContain('2,000')
    const items = w.findAll('[data-differences="public.customers"] li').map((li) => li.text())
    expect(items[0]).toContain('cust_id=17 — missing in target')
    expect(items[1]).toContain("country: NULL → ''")
    await w.find('[data-testid=repair]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ repair: true })
    expect(w.find('[data-testid=validation-verdict] [data-testid=status]').text()).toBe('running')
    expect((w.find('[data-testid=validate]').element as HTMLButtonElement).disabled).toBe(true)
  })
})
