import type { ConnectionConfig, Connector, ConnectorType, FieldSpec, Role } from '../api/types'

export const MASK = '********'

/** Form values for a type: the connector's stored values when editing, else the declared defaults. */
export function initialValues(type: ConnectorType, existing?: Connector | null): ConnectionConfig {
  const values: ConnectionConfig = {}
  for (const f of type.fields) {
    const stored = existing?.connection_config[f.name]
    if (f.secret) values[f.name] = ''
    else if (stored !== undefined) values[f.name] = stored
    else values[f.name] = f.type === 'boolean' ? f.default_value === true : f.default_value ?? ''
  }
  return values
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === ''
}

/**
 * Inline validation from the declarations (required, integer range, enum options); the server checks again.
 * A secret stored earlier may stay blank.
 */
export function validateField(f: FieldSpec, v: unknown, storedSecret: boolean): string | null {
  if (isBlank(v)) return f.required && !(f.secret && storedSecret) ? 'required' : null
  if (f.type === 'integer') {
    if (typeof v !== 'number' || !Number.isInteger(v)) return 'must be a whole number'
    if (f.min !== null && v < f.min) return `must be at least ${f.min}`
    if (f.max !== null && v > f.max) return `must be at most ${f.max}`
  }
  if (f.type === 'enum' && !f.options.includes(String(v))) return `must be one of ${f.options.join(', ')}`
  return null
}

export function validate(type: ConnectorType, values: ConnectionConfig, existing?: Connector | null): Record<string, string> {
  const errors: Record<string, string> = {}
  const moved = changedEndpointFields(type, values, existing)
  for (const f of type.fields) {
    const keep = storedSecret(f, existing)
    let msg = validateField(f, values[f.name], keep)
    // the server sends a stored secret only to the endpoint it was stored with
    if (!msg && keep && moved.length > 0 && isBlank(values[f.name])) msg = `must be given again because ${list(moved)} changed`
    if (msg) errors[`connection_config.${f.name}`] = msg
  }
  return errors
}

/** Endpoint fields (host, port, TLS, endpoint URL) whose value differs from the stored one, defaults applied. */
export function changedEndpointFields(type: ConnectorType, values: ConnectionConfig, existing?: Connector | null): string[] {
  if (!existing) return []
  return type.fields.filter((f) => f.endpoint)
    .filter((f) => normalise(f, values[f.name]) !== normalise(f, existing.connection_config[f.name]))
    .map((f) => f.name)
}

function normalise(f: FieldSpec, v: unknown): string {
  const value = isBlank(v) ? f.default_value : v
  return value === undefined || value === null ? '' : String(value).trim()
}

function list(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

export function storedSecret(f: FieldSpec, existing?: Connector | null): boolean {
  return f.secret && existing?.connection_config[f.name] === MASK
}

/**
 * The connection_config to send: blanks left out, a blank secret of a stored connector kept as stored, and a
 * stored secret the user chose to clear sent as null (which removes it).
 */
export function toConfig(type: ConnectorType, values: ConnectionConfig, existing?: Connector | null,
  cleared: string[] = []): ConnectionConfig {
  const config: ConnectionConfig = {}
  for (const f of type.fields) {
    if (cleared.includes(f.name) && storedSecret(f, existing)) {
      config[f.name] = null
      continue
    }
    const v = values[f.name]
    if (isBlank(v)) {
      if (storedSecret(f, existing)) config[f.name] = MASK
      else if (existing && existing.connection_config[f.name] !== undefined) config[f.name] = null
      continue
    }
    config[f.name] = v
  }
  return config
}

export function typeField(role: Role): 'source_type' | 'destination_type' {
  return role === 'source' ? 'source_type' : 'destination_type'
}

export function typeOf(c: Connector): string {
  return (c.connector_type === 'source' ? c.source_type : c.destination_type) ?? ''
}

/**
 * Where a connector points, in one line for the list: `host:port/database`, a bucket and prefix, a folder, a
 * Snowflake account and database. Secrets are never part of it (the API masks them anyway).
 */
export function whereOf(c: Pick<Connector, 'connection_config'>): string {
  const cfg = c.connection_config
  const s = (k: string) => (cfg[k] === undefined || cfg[k] === null || cfg[k] === '' ? '' : String(cfg[k]))
  if (s('host')) {
    const db = s('database') || s('service_name')
    return `${s('host')}${s('port') ? `:${s('port')}` : ''}${db ? `/${db}` : ''}`
  }
  if (s('bucket_name')) return `s3://${s('bucket_name')}/${s('prefix')}`
  if (s('path')) return s('path')
  if (s('account')) return [s('account'), s('database')].filter(Boolean).join(' / ')
  return ''
}

/** How many tasks read from or write to each connector, by connector id. */
export function usage(tasks: { source_connector_id: number; destination_connector_id: number }[]): Map<number, number> {
  const out = new Map<number, number>()
  for (const t of tasks) {
    out.set(t.source_connector_id, (out.get(t.source_connector_id) ?? 0) + 1)
    if (t.destination_connector_id !== t.source_connector_id) {
      out.set(t.destination_connector_id, (out.get(t.destination_connector_id) ?? 0) + 1)
    }
  }
  return out
}
