import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ExecutionTables from '../src/components/ExecutionTables.vue'
import AddStreamTable from '../src/components/AddStreamTable.vue'
import type { TableProgress, Task } from '../src/api/types'
import { addableTables, copyText, withTable } from '../src/forms/streamTables'
import { stubFetch } from './stubFetch'

afterEach(() => vi.unstubAllGlobals())

const t = (table: string, state: string, extra: Partial<TableProgress> = {}): TableProgress => ({
  table, state, rows: 10, bytes: 0, chunks_done: 0, chunks_total: 0, error: null, ...extra,
})

const task = (config: Task['config']): Task => ({
  id: 7, name: 'orders stream', description: null, source_connector_id: 3, destination_connector_id: 4, mode: 'cdc',
  schedule_type: 'continuous', schedule: {}, config, status: 'running',
} as Task)

describe('per-table state of a change stream (issue 16)', () => {
  it('shows a copy as a percentage of its estimate, a streaming table as done, and each table\'s lag', () => {
    const w = mount(ExecutionTables, { props: { streamTaskId: 7, tables: [
      t('public.a', 'streaming', { copy_percent: 100, lag_seconds: 1.5 }),
      t('public.c', 'backfilling', { copied: 420, copy_estimate: 1000, copy_percent: 42, lag_seconds: 1.5 }),
      t('public.d', 'resyncing', { copied: 5, lag_seconds: 1.5 }),
      t('public.b', 'paused', { lag_seconds: 95 }),
    ] } })
    const cell = (table: string, k: string) => w.find(`[data-table="${table}"] [data-testid=table-${k}]`).text()
    expect(cell('public.c', 'copy')).toBe('42 % · 420 / ~1,000 rows')
    expect(w.find('[data-table="public.c"] [role=progressbar]').exists() || w.find('[data-table="public.c"] .bar').exists()).toBe(true)
    expect(cell('public.d', 'copy')).toBe('copying · 5 rows')
    expect(cell('public.a', 'copy')).toBe('done')
    expect(cell('public.b', 'copy')).toBe('')
    expect(['public.a', 'public.c', 'public.b'].map((x) => cell(x, 'lag'))).toEqual(['1.5 s', '1.5 s', '1m 35s'])
    expect(cell('public.b', 'rows')).toBe('10')
    expect(w.find('[data-table="public.b"] [data-testid=table-resume]').exists()).toBe(true)
    expect(w.findAll('[data-testid=table-remove]')).toHaveLength(4)
  })

  it('leaves the copy and lag columns out of a full load\'s tables', () => {
    const w = mount(ExecutionTables, { props: { tables: [t('public.a', 'running')] } })
    expect(w.find('[data-testid=table-copy]').exists()).toBe(false)
    expect(w.find('[data-testid=table-lag]').exists()).toBe(false)
  })

  it('removes a table only once confirmed, through tables/remove', async () => {
    const calls = stubFetch({ 'POST /api/tasks/7/tables/remove': { body: {} } })
    const confirm = vi.fn(() => false)
    vi.stubGlobal('confirm', confirm)
    const w = mount(ExecutionTables, { props: { streamTaskId: 7, tables: [t('public.a', 'streaming')] } })
    await w.find('[data-testid=table-remove]').trigger('click')
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('public.a'))
    expect(calls).toHaveLength(0)
    confirm.mockReturnValue(true)
    await w.find('[data-testid=table-remove]').trigger('click')
    await flushPromises()
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([['POST', '/api/tasks/7/tables/remove', { tables: ['public.a'] }]])
  })

  it('copyText, addableTables and withTable', () => {
    expect(copyText(t('x', 'backfilling', { copy_percent: 99 }))).toBe('99 %')
    expect(copyText(t('x', 'streaming', { copy_percent: 100 }))).toBe('')
    const catalog = [{ name: 'a' }, { name: 'B', schema: 'public' }, { name: 'c' }, { name: 'v', kind: 'view' }]
    expect(addableTables(catalog, 'public', ['public.c'], ['a'])).toEqual(['public.B'])
    expect(withTable({ tables: ['a'] }, 'public.c')).toEqual({ tables: ['a', 'public.c'] })
    expect(withTable({ tables: ['a'], exclude_tables: ['c', 'public.x'] }, 'public.c'))
      .toEqual({ tables: ['a', 'public.c'], exclude_tables: ['public.x'] })
  })

  it('adds a table chosen from the source catalog with a PUT of a longer config.tables', async () => {
    const calls = stubFetch({
      'GET /api/connectors/3/schemas': { body: ['audit', 'public'] },
      'GET /api/connectors/3/tables': { body: [{ name: 'a', schema: 'public', kind: 'table' }, { name: 'c', schema: 'public', kind: 'table' }] },
      'PUT /api/tasks/7': { body: {} },
    })
    const w = mount(AddStreamTable, { props: { task: task({ tables: ['a'], exclude_tables: ['c'] }), followed: ['public.a'] } })
    await w.find('[data-testid=add-table-open]').trigger('click')
    await flushPromises()
    expect((w.find('[data-testid=add-table-schema]').element as HTMLSelectElement).value).toBe('public')
    expect(w.findAll('[data-testid=add-table-choice] option').map((o) => o.text())).toEqual(['public.c'])
    await w.find('[data-testid=add-table-save]').trigger('click')
    await flushPromises()
    const put = calls.find((c) => c.method === 'PUT')
    expect(put?.url).toBe('/api/tasks/7')
    expect(put?.body).toEqual({ config: { tables: ['a', 'public.c'], exclude_tables: [] } })
    expect(w.emitted('added')).toEqual([['public.c']])
    expect(calls.find((c) => c.url.startsWith('/api/connectors/3/tables'))?.url).toContain('schema=public')
  })

  it('says so when the catalog cannot be read', async () => {
    stubFetch({ 'GET /api/connectors/3/schemas': { status: 502, body: { status: 502, detail: 'source unreachable' } } })
    const w = mount(AddStreamTable, { props: { task: task({ tables: ['a'] }), followed: ['public.a'] } })
    await w.find('[data-testid=add-table-open]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=add-table-error]').text()).toContain('source unreachable')
  })
})
