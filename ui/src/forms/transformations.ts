import type { TransformationField, TransformationStep, TransformationType } from '../api/types'

/** A new step of a type with empty values (booleans false, lists empty). */
export function newStep(type: TransformationType): TransformationStep {
  const config: Record<string, unknown> = {}
  for (const f of type.fields) {
    if (f.type === 'boolean') config[f.name] = false
    else if (f.type === 'string_list') config[f.name] = []
    else if (f.type === 'enum' && f.required && f.options?.length) config[f.name] = f.options[0]
  }
  return { type: type.type, config }
}

/** Inline checks of one step against its declared fields; keys are the API's paths. */
export function validateSteps(steps: TransformationStep[], types: TransformationType[]): Record<string, string> {
  const errors: Record<string, string> = {}
  steps.forEach((s, i) => {
    const t = types.find((x) => x.type === s.type)
    if (!t) {
      errors[`transformations[${i}].type`] = `unknown transformation ${s.type}`
      return
    }
    for (const f of t.fields) {
      const v = s.config[f.name]
      const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
      if (f.required && empty) errors[`transformations[${i}].config.${f.name}`] = 'required'
      else if (!empty && f.type === 'integer' && !Number.isInteger(v)) errors[`transformations[${i}].config.${f.name}`] = 'must be a whole number'
    }
  })
  return errors
}

/** Copies steps onto tables (deep copies), replacing their lists or appending to them. */
export function applyToTables(
  map: Record<string, TransformationStep[]>, tables: string[], steps: TransformationStep[], replace: boolean,
): Record<string, TransformationStep[]> {
  const out = { ...map }
  for (const t of tables) {
    const copies = steps.map((s) => JSON.parse(JSON.stringify(s)) as TransformationStep)
    out[t] = replace ? copies : [...(out[t] ?? []), ...copies]
  }
  return out
}

/** Drops tables without steps, so the task's config stays minimal. */
export function compact(map: Record<string, TransformationStep[]>, tables: string[]): Record<string, TransformationStep[]> {
  const out: Record<string, TransformationStep[]> = {}
  for (const [k, v] of Object.entries(map)) if (v.length && tables.includes(k)) out[k] = v
  return out
}

export function listText(v: unknown): string {
  return Array.isArray(v) ? v.join(', ') : ''
}

export function parseList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean)
}

export function fieldInputType(f: TransformationField): 'checkbox' | 'number' | 'select' | 'list' | 'expression' | 'text' {
  switch (f.type) {
    case 'boolean': return 'checkbox'
    case 'integer': return 'number'
    case 'enum': return 'select'
    case 'string_list': return 'list'
    case 'expression': return 'expression'
    case 'string': return 'text'
  }
}
