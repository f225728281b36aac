import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, RouterLinkStub } from '@vue/test-utils'
import TaskBuilderPage from '../src/pages/TaskBuilderPage.vue'
import { stubFetch } from './stubFetch'

const push = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push, replace: push }), useRoute: () => ({ path: '/tasks/new' }) }))

const connector = (id: number, role: 'source' | 'destination', name: string) => ({
  id, name, description: null, connector_type: role, source_type: role === 'source' ? 'postgresql' : null,
  destination_type: role === 'destination' ? 'mysql' : null, connection_config: {}, is_active: true, status: 'ok',
  last_test_message: null, last_tested_at: null, created_at: '', updated_at: '',
})

const routes = {
  'GET /api/connectors': { body: [connector(1, 'source', 'pg'), connector(2, 'destination', 'maria')] },
  'GET /api/connectors/1/schemas': { body: ['public', 'sales'] },
  'GET /api/connectors/1/tables': { body: [{ name: 'customers', kind: 'table', row_estimate: 10 }, { name: 'orders', kind: 'table', row_estimate: 20 }] },
  'GET /api/transformations/types': {
    body: [{ type: 'uppercase', category: 'column', description: 'upper', cdc_allowed: true, fields: [{ name: 'column', type: 'string', required: true }] }],
  },
  'POST /api/transformations/preview': {
    body: { before: { columns: [{ name: 'c', type: 'text' }], rows: [['fr']] }, after: { columns: [{ name: 'c', type: 'text' }], rows: [['FR']] } },
  },
  'POST /api/tasks': { status: 201, body: { id: 9, name: 'sync' } },
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  push.mockReset()
})

describe('TaskBuilderPage', () => {
  it('builds a task from two tables and a transformation bulk-applied to both, with a live preview', async () => {
    const calls = stubFetch(routes)
    const w = mount(TaskBuilderPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    await w.find('#task-name').setValue('sync')
    await w.find('[data-testid=select-all]').setValue(true)
    await flushPromises()
    expect((w.find('#transform-table').element as HTMLSelectElement).value).toBe('customers')
    await w.find('#transform-table').setValue('customers')
    await w.find('[data-testid=add-transformation-type]').setValue('uppercase')
    await w.find('[data-testid=add-transformation]').trigger('click')
    await w.find('#t0-column').setValue('country')
    await new Promise((r) => setTimeout(r, 600)) // the preview is debounced
    await flushPromises()
    const preview = calls.filter((c) => c.url === '/api/transformations/preview').pop()
    expect(preview?.body).toEqual({ connector_id: 1, table: 'customers', transformations: [{ type: 'uppercase', config: { column: 'country' } }], limit: 20 })
    expect(w.find('[data-testid=preview-after]').text()).toContain('FR')

    await w.find('[data-testid=bulk-apply] input[value=orders]').setValue(true)
    await w.find('[data-testid=bulk-apply] button').trigger('click')
    await w.find('form').trigger('submit')
    await flushPromises()
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/tasks')
    expect(post?.body).toMatchObject({
      name: 'sync', source_connector_id: 1, destination_connector_id: 2, mode: 'full_load', schedule_type: 'on_demand',
      config: {
        tables: ['customers', 'orders'], batch_size: 10000, parallel: true, max_parallel_tables: 4, write_mode: 'append',
        transformations: {
          customers: [{ type: 'uppercase', config: { column: 'country' } }],
          orders: [{ type: 'uppercase', config: { column: 'country' } }],
        },
      },
    })
    expect(push).toHaveBeenCalledWith('/tasks/9')
  })

  it('blocks saving with inline errors, and shows the server problem on its field', async () => {
    const calls = stubFetch({
      ...routes,
      'POST /api/tasks': { status: 422, body: { status: 422, detail: "config.tables[0]: table 'x' not found", errors: [{ field: 'config.batch_size', message: 'must be at most 1000000' }] } },
    })
    const w = mount(TaskBuilderPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('#task-name').attributes('aria-invalid')).toBe('true')
    expect(w.text()).toContain('select at least one table')
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/tasks')).toBe(false)

    await w.find('#task-name').setValue('sync')
    await w.find('[data-testid=table-browser] label[data-table=orders] input').setValue(true)
    await w.find('#task-batch').setValue('5000000')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('[data-testid=problem]').text()).toContain("table 'x' not found")
    expect(w.find('#task-batch').attributes('aria-invalid')).toBe('true')
    expect(push).not.toHaveBeenCalled()
  })
})

describe('TaskBuilderPage server errors on steps', () => {
  it('puts a step error the server names under its field in the editor', async () => {
    stubFetch({
      ...routes,
      'POST /api/tasks': {
        status: 422,
        body: { status: 422, detail: "config.transformations.customers[0].config.column: column 'nope' not found",
          errors: [{ field: 'config.transformations.customers[0].config.column', message: "column 'nope' not found" }] },
      },
    })
    const w = mount(TaskBuilderPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    await w.find('#task-name').setValue('sync')
    await w.find('[data-testid=table-browser] label[data-table=customers] input').setValue(true)
    await flushPromises()
    await w.find('[data-testid=add-transformation-type]').setValue('uppercase')
    await w.find('[data-testid=add-transformation]').trigger('click')
    await w.find('#t0-column').setValue('nope')
    await w.find('form').trigger('submit')
    await flushPromises()
    expect(w.find('#t0-column').attributes('aria-invalid')).toBe('true')
    expect(w.find('[data-testid=transformation-editor]').text()).toContain("column 'nope' not found")
  })
})

describe('TaskBuilderPage targets (issue 14.1)', () => {
  it('shows, per selected table, where it lands before saving', async () => {
    const calls = stubFetch({
      ...routes,
      'POST /api/tasks/targets': {
        body: {
          targets: [{ source: 'public.orders', target: 'ui_dest.orders', location: 'ui_dest.orders' }], note: null,
          problems: [{ field: 'config.tables[0]', message: "table 'orders' has no primary key; write_mode merge upserts by primary key" }],
        },
      },
    })
    const w = mount(TaskBuilderPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    await w.find('[data-testid=table-browser] label[data-table=orders] input').setValue(true)
    await new Promise((r) => setTimeout(r, 500)) // debounced
    await flushPromises()
    const asked = calls.filter((c) => c.url === '/api/tasks/targets').pop()
    expect(asked?.body).toEqual({ source_connector_id: 1, destination_connector_id: 2, mode: 'full_load', config: { tables: ['orders'], write_mode: 'append' } })
    expect(w.find('[data-testid=table-targets]').text()).toContain('public.orders → ui_dest.orders')
    // issue 14.4: what saving would refuse shows as a badge on the table before saving
    expect(w.find('[data-testid=table-problem]').text()).toBe('orders')
    expect(w.find('[data-testid=table-problems]').text()).toContain('has no primary key')
  })
})

describe('TaskBuilderPage transformations (issue 14.11)', () => {
  it('picks columns from the source catalog and resolves the variables a step uses for the preview', async () => {
    const calls = stubFetch({
      ...routes,
      'GET /api/connectors/1/tables/customers/columns': { body: [
        { name: 'id', data_type: 'integer', nullable: false, default_value: null, primary_key_position: 1, foreign_key: null },
        { name: 'country', data_type: 'text', nullable: true, default_value: null, primary_key_position: null, foreign_key: null }] },
      'GET /api/transformations/types': { body: [
        { type: 'uppercase', category: 'column', description: 'upper', cdc_allowed: true, fields: [{ name: 'column', type: 'string', required: true }] },
        { type: 'add_column', category: 'column', description: 'add', cdc_allowed: true, fields: [{ name: 'name', type: 'string', required: true }, { name: 'value', type: 'string', required: false }] }] },
      'GET /api/variables': { body: [{ id: 4, name: 'batch_id', description: null, variable_type: 'static', config: { value: 'b-7' }, created_at: '', updated_at: '' }] },
      'POST /api/variables/4/resolve': { body: { name: 'batch_id', value: 'b-7', value_type: 'string' } },
    })
    const w = mount(TaskBuilderPage, { global: { stubs: { RouterLink: RouterLinkStub } } })
    await flushPromises()
    await w.find('[data-testid=select-all]').setValue(true)
    await flushPromises()
    await w.find('[data-testid=add-transformation-type]').setValue('uppercase')
    await w.find('[data-testid=add-transformation]').trigger('click')
    await flushPromises()
    expect(w.find('#t0-column').findAll('option').map((o) => o.text())).toEqual(['(pick a column)', 'id', 'country'])
    await w.find('#t0-column').setValue('country')
    await w.find('[data-testid=add-transformation-type]').setValue('add_column')
    await w.find('[data-testid=add-transformation]').trigger('click')
    await w.find('#t1-name').setValue('batch')
    await w.find('#t1-value').setValue('{{batch_id}} {{nope}}')
    await new Promise((r) => setTimeout(r, 600)) // the preview is debounced
    await flushPromises()
    const preview = calls.filter((c) => c.url === '/api/transformations/preview').pop()
    expect(preview?.body).toMatchObject({ variables: { batch_id: 'b-7' } })
    expect(w.find('[data-variable=batch_id]').text()).toContain('= b-7')
    expect(w.find('[data-variable=nope]').text()).toContain('unknown')
  })
})
