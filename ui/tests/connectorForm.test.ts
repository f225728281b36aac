import { describe, expect, it } from 'vitest'
import type { Connector, ConnectorType } from '../src/api/types'
import { MASK, initialValues, toConfig, validate } from '../src/forms/connectorForm'

const pg: ConnectorType = {
  id: 'postgresql', label: 'PostgreSQL', roles: ['source', 'destination'], browsable: true,
  fields: [
    { name: 'host', label: 'Host', type: 'string', required: true, default_value: null, secret: false, endpoint: true, options: [], min: null, max: null, description: null },
    { name: 'port', label: 'Port', type: 'integer', required: false, default_value: 5432, secret: false, endpoint: true, options: [], min: 1, max: 65535, description: null },
    { name: 'password', label: 'Password', type: 'string', required: true, default_value: null, secret: true, options: [], min: null, max: null, description: null },
    { name: 'ssl_mode', label: 'SSL', type: 'enum', required: false, default_value: 'prefer', secret: false, endpoint: true, options: ['disable', 'prefer', 'require'], min: null, max: null, description: null },
  ],
}

const stored: Connector = {
  id: 4, name: 'pg', description: null, connector_type: 'source', source_type: 'postgresql', destination_type: null,
  connection_config: { host: 'db', port: 5433, password: MASK }, is_active: true, status: 'ok',
  last_test_message: null, last_tested_at: null, created_at: '', updated_at: '',
}

describe('connector form', () => {
  it('starts from declared defaults, and never puts a stored secret in the form', () => {
    expect(initialValues(pg)).toEqual({ host: '', port: 5432, password: '', ssl_mode: 'prefer' })
    expect(initialValues(pg, stored).password).toBe('')
    expect(initialValues(pg, stored).port).toBe(5433)
  })

  it('checks required fields, integer ranges and options inline', () => {
    const errors = validate(pg, { host: '', port: 70000, password: '', ssl_mode: 'bogus' })
    expect(errors).toEqual({
      'connection_config.host': 'required',
      'connection_config.port': 'must be at most 65535',
      'connection_config.password': 'required',
      'connection_config.ssl_mode': 'must be one of disable, prefer, require',
    })
  })

  it('lets a stored secret stay blank and sends it back masked so the server keeps it', () => {
    const values = { host: 'db', port: 5433, password: '', ssl_mode: '' }
    expect(validate(pg, values, stored)).toEqual({})
    expect(toConfig(pg, values, stored)).toEqual({ host: 'db', port: 5433, password: MASK })
  })

  it('sends a stored secret the user cleared as null, which removes it (issue 14.3)', () => {
    const values = { host: 'db', port: 5433, password: '', ssl_mode: '' }
    expect(toConfig(pg, values, stored, ['password'])).toEqual({ host: 'db', port: 5433, password: null })
  })

  it('sends a new secret as typed and leaves blanks out of a new connector', () => {
    expect(toConfig(pg, { host: 'h', port: null, password: 's3cret', ssl_mode: '' })).toEqual({ host: 'h', password: 's3cret' })
  })

  it('asks for a stored secret again when the endpoint it was stored with changes', () => {
    expect(validate(pg, { host: 'elsewhere', port: 5433, password: '', ssl_mode: '' }, stored)).toEqual({
      'connection_config.password': 'must be given again because host changed',
    })
    expect(validate(pg, { host: 'db', port: 1, password: '', ssl_mode: 'disable' }, stored)).toEqual({
      'connection_config.password': 'must be given again because port and ssl_mode changed',
    })
    expect(validate(pg, { host: 'elsewhere', port: 5433, password: 'typed again', ssl_mode: '' }, stored)).toEqual({})
    expect(validate(pg, { host: ' db ', port: 5433, password: '', ssl_mode: 'prefer' }, stored)).toEqual({})
  })
})
