import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import AddStreamTable from '../src/components/AddStreamTable.vue'
import type { Task } from '../src/api/types'

afterEach(() => vi.unstubAllGlobals())

/** Schemas answer at once; each schema's table listing answers when the test says so. */
function deferredListings(): Map<string, (tables: string[]) => void> {
  const pending = new Map<string, (tables: string[]) => void>()
  vi.stubGlobal('fetch', vi.fn((url: string) => {
    const [path, search] = url.split('?')
    if (path.endsWith('/schemas')) return Promise.resolve(new Response(JSON.stringify(['public', 'sales'])))
    const schema = new URLSearchParams(search).get('schema') ?? ''
    return new Promise<Response>((resolve) => {
      pending.set(schema, (names) => resolve(new Response(JSON.stringify(
        names.map((name) => ({ schema, name, kind: 'table', row_estimate: 1 }))))))
    })
  }))
  return pending
}

const task = { id: 7, source_connector_id: 3, config: { tables: ['public.orders'] } } as unknown as Task

describe('AddStreamTable', () => {
  it('offers the picked schema\'s tables when an earlier schema\'s listing answers last', async () => {
    const pending = deferredListings()
    const wrapper = mount(AddStreamTable, { props: { task, followed: ['public.orders'] } })
    await wrapper.get('[data-testid=add-table-open]').trigger('click')
    await flushPromises()
    await wrapper.get('[data-testid=add-table-schema]').setValue('sales')
    await flushPromises()
    pending.get('sales')!(['invoices', 'refunds'])
    await flushPromises()
    pending.get('public')!(['orders', 'customers']) // the first schema's slower answer
    await flushPromises()
    const offered = wrapper.findAll('[data-testid=add-table-choice] option').map((o) => o.text())
    expect(offered).toEqual(['sales.invoices', 'sales.refunds'])
  })
})
