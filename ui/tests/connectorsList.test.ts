import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import ConnectorsPage from '../src/pages/ConnectorsPage.vue'
import ConnectorFormPage from '../src/pages/ConnectorFormPage.vue'
import type { Connector, ConnectorType } from '../src/api/types'
import { toasts } from '../src/composables/toasts'
import { stubFetch } from './stubFetch'

const push = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push, replace: push }), useRoute: () => ({ path: '/', query: {} }) }))
const global = { stubs: { RouterLink: RouterLinkStub } }

afterEach(() => {
  vi.unstubAllGlobals()
  push.mockReset()
  toasts.splice(0)
})

const types: ConnectorType[] = [
  { id: 'postgresql', label: 'PostgreSQL', roles: ['source', 'destination'], browsable: true, fields: [
    { name: 'host', label: 'Host', type: 'string', required: true, default_value: null, secret: false, options: [], min: null, max: null, description: null },
    { name: 'password', label: 'Password', type: 'string', required: false, default_value: null, secret: true, options: [], min: null, max: null, description: null },
  ] },
  { id: 's3', label: 'Amazon S3', roles: ['destination'], browsable: false, fields: [] },
  { id: 'local_files', label: 'Local files', roles: ['destination'], browsable: false, fields: [] },
]
const connector = (id: number, name: string, role: 'source' | 'destination', type: string, cfg: Record<string, unknown>): Connector => ({
  id, name, description: null, connector_type: role, source_type: role === 'source' ? type : null,
  destination_type: role === 'destination' ? type : null, connection_config: cfg, is_active: true, status: 'ok',
  last_test_message: null, last_tested_at: '2026-12-03T10:00:00Z', created_at: '', updated_at: '',
})

describe('ConnectorsPage (issue 14.10)', () => {
  it('shows where each connector points, readable types and how many tasks use it; Delete says why it is disabled', async () => {
    stubFetch({
      'GET /api/connectors': { body: [
        connector(1, 'shop', 'source', 'postgresql', { host: 'db.local', port: 5432, database: 'shop', password: '********' }),
        connector(2, 'lake', 'destination', 's3', { bucket_name: 'lake', prefix: 'raw/' }),
        connector(3, 'spare', 'destination', 'local_files', { path: '/data/out' }),
      ] },
      'GET /api/connector-types': { body: types },
      'GET /api/tasks': { body: [{ id: 1, source_connector_id: 1, destination_connector_id: 2 }, { id: 2, source_connector_id: 1, destination_connector_id: 2 }] },
    })
    const w = mount(ConnectorsPage, { global })
    await flushPromises()
    const row = (name: string) => w.find(`[data-connector="${name}"]`)
    expect(row('shop').find('[data-testid=connector-type]').text()).toBe('PostgreSQL')
    expect(row('shop').find('[data-testid=connector-where]').text()).toBe('db.local:5432/shop')
    expect(row('lake').find('[data-testid=connector-where]').text()).toBe('s3://lake/raw/')
    expect(row('spare').find('[data-testid=connector-where]').text()).toBe('/data/out')
    expect(row('shop').find('[data-testid=connector-used-by]').text()).toBe('2 tasks')
    expect(row('spare').find('[data-testid=connector-used-by]').text()).toBe('no task')
    expect(row('shop').find('[data-action=delete]').attributes('disabled')).toBeDefined()
    expect(row('shop').find('[data-action=delete]').attributes('title')).toContain('Used by 2 task(s)')
    expect(row('shop').find('[data-testid=delete-reason]').text()).toBe('in use by 2 tasks')
    expect(row('spare').find('[data-action=delete]').attributes('disabled')).toBeUndefined()
  })
})

describe('ConnectorFormPage (issue 14.10)', () => {
  it('asks before saving settings whose test failed', async () => {
    const calls = stubFetch({
      'GET /api/connector-types': { body: types },
      'POST /api/connectors/test': { body: { success: false, message: 'password authentication failed', failure: 'authentication', details: null } },
      'POST /api/connectors': { body: connector(9, 'pg', 'source', 'postgresql', {}) },
    })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const w = mount(ConnectorFormPage, { global })
    await flushPromises()
    await w.find('#connector-name').setValue('pg')
    await w.find('#field-host').setValue('db')
    await w.find('[data-testid=test-connection]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=save-after-failed-test]').exists()).toBe(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('failed (authentication'))
    expect(calls.filter((c) => c.method === 'POST' && c.url === '/api/connectors')).toHaveLength(0)
    confirm.mockReturnValue(true)
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(calls.filter((c) => c.method === 'POST' && c.url === '/api/connectors')).toHaveLength(1)
  })
})
