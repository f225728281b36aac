import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import DataGrid from '../src/components/DataGrid.vue'
import QueryConsole from '../src/components/QueryConsole.vue'
import { compareCells, grouped, isNumeric, toCsv, toTsv } from '../src/forms/grid'

afterEach(() => vi.unstubAllGlobals())

const columns = [{ name: 'id', type: 'int8' }, { name: 'amount', type: 'numeric' }, { name: 'note', type: 'text' }]
const rows = [[2, '1234567.8900', 'b, "quoted"'], [10, '-5.5', null], [1, '99999999999999999999.01', '']]

describe('grid helpers (issue 14.12)', () => {
  it('groups digits without touching decimals and tells numeric columns', () => {
    expect(grouped('1234567.8900')).toBe('1,234,567.8900')
    expect(grouped('-1000')).toBe('-1,000')
    expect(grouped(12)).toBe('12')
    expect(grouped('2026-12-03')).toBe('2026-12-03')
    expect(isNumeric({ name: 'x', type: 'NUMERIC(10,2)' }, [])).toBe(true)
    expect(isNumeric({ name: 'x', type: 'varchar' }, ['1'])).toBe(false)
    expect(compareCells(null, 1, true)).toBe(1)
    expect(compareCells('10', '9', true)).toBe(1)
    expect(compareCells('b10', 'b9', false)).toBe(1)
  })

  it('exports CSV with NULL and empty told apart, and TSV for the clipboard', () => {
    expect(toCsv(columns, rows)).toBe('id,amount,note\r\n2,1234567.8900,"b, ""quoted"""\r\n10,-5.5,\r\n1,99999999999999999999.01,""\r\n')
    expect(toTsv([{ name: 'a', type: '' }], [['x\ty\nz']])).toBe('a\nx y z')
  })
})

describe('DataGrid', () => {
  it('right-aligns numbers with separators, sorts by a header and copies what it shows', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { clipboard: { writeText } })
    const w = mount(DataGrid, { props: { columns, rows, tools: true } })
    const firstColumn = () => w.findAll('tbody tr').map((r) => r.findAll('td')[0].text())
    expect(w.findAll('tbody tr')[0].findAll('td')[1].text()).toBe('1,234,567.8900')
    expect(w.findAll('tbody tr')[0].findAll('td')[1].classes()).toContain('num')
    expect(w.findAll('tbody tr')[0].findAll('td')[2].classes()).not.toContain('num')
    await w.find('[data-sort=id]').trigger('click')
    expect(firstColumn()).toEqual(['1', '2', '10'])
    await w.find('[data-sort=id]').trigger('click')
    expect(firstColumn()).toEqual(['10', '2', '1'])
    await w.find('[data-testid=grid-copy]').trigger('click')
    expect(writeText).toHaveBeenCalledWith('id\tamount\tnote\n10\t-5.5\tNULL\n2\t1234567.8900\tb, "quoted"\n1\t99999999999999999999.01\t')
  })
})

describe('QueryConsole', () => {
  it('states the limits first, shows a timer while running and cancels', async () => {
    let abortSeen = false
    vi.stubGlobal('fetch', vi.fn((_url: string, init: RequestInit) => new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => { abortSeen = true; reject(new DOMException('aborted', 'AbortError')) })
    })))
    const w = mount(QueryConsole, { props: { connectorId: 3, database: null, initialSql: 'SELECT pg_sleep(60)' } })
    expect(w.find('[data-testid=query-limits]').text()).toContain('At most 1,000 rows')
    expect(w.find('[data-testid=query-limits]').text()).toContain('stopped after 30 s')
    await w.find('[data-testid=run-query]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid=query-elapsed]').text()).toMatch(/^running \d+\.\d s$/)
    const body = JSON.parse(String((fetch as unknown as ReturnType<typeof vi.fn>).mock.calls[0][1].body))
    expect(body).toMatchObject({ sql: 'SELECT pg_sleep(60)', limit: 1000, timeout_seconds: 30 })
    await w.find('[data-testid=cancel-query]').trigger('click')
    await flushPromises()
    expect(abortSeen).toBe(true)
    expect(w.find('[data-testid=cancel-query]').exists()).toBe(false)
    expect(w.find('[data-testid=problem]').text()).toContain('Cancelled after')
  })
})
