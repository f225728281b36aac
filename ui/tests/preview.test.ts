import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import TransformationPreview from '../src/components/TransformationPreview.vue'
import TransformationEditor from '../src/components/TransformationEditor.vue'
import type { PreviewResult, TransformationType } from '../src/api/types'
import { previewMarks, referencedVariables } from '../src/forms/preview'

const cols = (...names: string[]) => names.map((name) => ({ name, type: 'string' }))
const result: PreviewResult = {
  before: { columns: cols('id', 'name', 'amount'), rows: [[1, 'ann', '10.50'], [2, 'bo', '3.10'], [3, 'cy', '7.00']] },
  after: { columns: cols('id', 'name', 'amount', 'batch'), rows: [[1, 'ANN', '10.50', 'b-7'], [3, 'CY', '7.00', 'b-7']] },
}

describe('transformation preview (issue 14.11)', () => {
  it('finds the variables steps use, and what changed: cells, added columns, rows kept', () => {
    expect(referencedVariables([{ type: 'add_column', config: { name: 'batch', value: '{{batch_id}}' } },
      { type: 'filter_rows', config: { condition: 'id > {{ min_id }} AND x = {{batch_id}}' } }])).toEqual(['batch_id', 'min_id'])
    const m = previewMarks(result.before, result.after)
    expect([...m.added]).toEqual(['batch'])
    expect([...m.changed].sort()).toEqual(['0:1', '1:1']) // matched by id although row 2 was filtered out
    expect([m.kept, m.of, m.matched]).toEqual([2, 3, true])
  })

  it('says how many rows were kept, highlights changes, keeps decimals as sent and flags unknown variables', () => {
    const w = mount(TransformationPreview, { props: { result, loading: false, problem: null, variables: [
      { name: 'batch_id', value: 'b-7', value_type: 'string' }, { name: 'nope', problem: 'unknown: no global variable has this name' }] } })
    expect(w.find('[data-testid=preview-kept]').text()).toContain('Kept 2 of 3 sample rows · added batch · 2 changed cells highlighted')
    const after = w.find('[data-testid=preview-after]')
    expect(after.findAll('td.changed').map((c) => c.text())).toEqual(['ANN', 'CY'])
    expect(after.find('[data-testid=added-column]').exists()).toBe(true)
    expect(after.findAll('tbody tr')[0].findAll('td')[2].text()).toBe('10.50')
    expect(w.find('[data-variable=batch_id]').text()).toBe('{{batch_id}} = b-7 (test value, string)')
    expect(w.find('[data-variable=nope]').classes()).toContain('bad')
  })

  it('picks columns from a list and reorders steps by drag and drop', async () => {
    const types: TransformationType[] = [
      { type: 'uppercase', category: 'column', description: '', cdc_allowed: true, fields: [{ name: 'column', type: 'string', required: true }] },
      { type: 'deduplicate', category: 'row', description: '', cdc_allowed: false, fields: [{ name: 'columns', type: 'string_list', required: false }] },
    ]
    const w = mount(TransformationEditor, { props: { types, errors: {}, columns: ['id', 'name'], modelValue: [
      { type: 'uppercase', config: { column: 'legacy' } }, { type: 'deduplicate', config: { columns: [] } }] } })
    const pick = w.find('#t0-column')
    expect(pick.element.tagName).toBe('SELECT')
    expect(pick.findAll('option').map((o) => o.text())).toEqual(['(pick a column)', 'id', 'name', 'legacy'])
    await pick.setValue('name')
    expect(w.emitted('update:modelValue')!.at(-1)![0]).toEqual([{ type: 'uppercase', config: { column: 'name' } }, { type: 'deduplicate', config: { columns: [] } }])
    expect(w.find('#t1-columns').attributes('multiple')).toBeDefined()
    const steps = w.findAll('li.step')
    await steps[1].trigger('dragstart')
    await steps[0].trigger('dragover')
    await steps[0].trigger('drop')
    expect((w.emitted('update:modelValue')!.at(-1)![0] as { type: string }[]).map((s) => s.type)).toEqual(['deduplicate', 'uppercase'])
  })
})
