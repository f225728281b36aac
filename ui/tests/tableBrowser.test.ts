import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import TableBrowser from '../src/components/TableBrowser.vue'

afterEach(() => vi.unstubAllGlobals())

/** Answers each connector's listing when told to, so a test decides which answer arrives first. */
function deferredListings(): Map<string, (tables: string[]) => void> {
  const pending = new Map<string, (tables: string[]) => void>()
  vi.stubGlobal('fetch', vi.fn((url: string) => {
    const path = url.split('?')[0]
    if (path.endsWith('/schemas')) return Promise.resolve(new Response(JSON.stringify(['public'])))
    return new Promise<Response>((resolve) => {
      pending.set(path, (names) => resolve(new Response(JSON.stringify(
        names.map((name) => ({ schema: 'public', name, kind: 'table', row_estimate: 1 }))))))
    })
  }))
  return pending
}

describe('TableBrowser', () => {
  it('shows the current source\'s tables when an older listing answers last', async () => {
    const pending = deferredListings()
    const wrapper = mount(TableBrowser, { props: { connectorId: 1, modelValue: [] } })
    await flushPromises()
    await wrapper.setProps({ connectorId: 2 })
    await flushPromises()
    pending.get('/api/connectors/2/tables')!(['customers', 'orders'])
    await flushPromises()
    pending.get('/api/connectors/1/tables')!(['customers']) // the first source's slower answer
    await flushPromises()
    const listed = wrapper.findAll('label[data-table]').map((l) => l.attributes('data-table'))
    expect(listed).toEqual(['customers', 'orders'])
  })

  it('shows hostile table names from the source as text, never as markup', async () => {
    const pending = deferredListings()
    const hostile = ['<img src=x onerror="window.pwned=1">', '"><script>window.pwned=1</script>', "x' onmouseover='1"]
    const wrapper = mount(TableBrowser, { props: { connectorId: 3, modelValue: [] } })
    await flushPromises()
    pending.get('/api/connectors/3/tables')!(hostile)
    await flushPromises()
    expect(wrapper.findAll('img').length).toBe(0)
    expect(wrapper.findAll('script').length).toBe(0)
    expect(wrapper.findAll('label[data-table]').map((l) => l.attributes('data-table'))).toEqual(hostile)
    for (const name of hostile) expect(wrapper.text()).toContain(name)
  })
})
