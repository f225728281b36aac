/** Wire types of the DTaaS API (snake_case, as docs/api.md describes them). */

export interface FieldProblem {
  field: string
  message: string
}

export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: FieldProblem[]
  reference?: string | null
}

export type FieldKind = 'string' | 'integer' | 'boolean' | 'enum'

export interface FieldSpec {
  name: string
  label: string
  type: FieldKind
  required: boolean
  default_value: unknown
  secret: boolean
  /** Part of where the secrets go (host, port, TLS, endpoint URL): changing it needs the secrets again. */
  endpoint?: boolean
  options: string[]
  min: number | null
  max: number | null
  description: string | null
}

export type Role = 'source' | 'destination'

export interface ConnectorType {
  id: string
  label: string
  roles: Role[]
  fields: FieldSpec[]
  browsable: boolean
}

export type ConnectionConfig = Record<string, unknown>

export interface Connector {
  id: number
  name: string
  description: string | null
  connector_type: Role
  source_type: string | null
  destination_type: string | null
  connection_config: ConnectionConfig
  is_active: boolean
  status: 'untested' | 'ok' | 'failed'
  last_test_message: string | null
  last_tested_at: string | null
  created_at: string
  updated_at: string
}

export interface ConnectorInput {
  name: string
  description: string | null
  connector_type: Role
  source_type?: string | null
  destination_type?: string | null
  connection_config: ConnectionConfig
}

export interface TestResult {
  success: boolean
  message: string
  failure: string | null
  details: { server_version: string | null; latency_ms: number | null } | null
  /** what the role can do beyond reading (superuser, server files); shown under the result */
  warnings?: string[]
}

export type ExecutionStatus =
  | 'queued' | 'running' | 'stopping' | 'paused' | 'stopped' | 'completed' | 'failed'
export type TaskStatus = 'idle' | ExecutionStatus

export interface TableProgress {
  table: string
  state: string
  rows: number
  bytes: number
  chunks_done: number
  chunks_total: number
  error: string | null
  /** rows read from the source by the chunks this execution committed (0: not counted, e.g. a stream) */
  rows_read?: number
  /** of those, rows a transformation dropped */
  rows_filtered?: number
  /** a change stream's table being copied online: rows the copy wrote so far */
  copied?: number
  /** the rows the copy expects (the source's estimate when it started); absent when unknown */
  copy_estimate?: number
  /** a change stream's table: 0–99 while copied, 100 once streaming; absent when unknown */
  copy_percent?: number
  /** a change stream's table: the stream's lag while applied, the time since it stopped while paused or failed */
  lag_seconds?: number
}

/** Changes a stream applied to one table in this execution, by kind. */
export interface ChangeCounts {
  inserts: number
  updates: number
  deletes: number
}

/** A change stream's health (cdc and full_load_then_cdc executions once streaming). */
export interface CdcMetrics {
  lag_seconds: number | null
  /** PostgreSQL: WAL the slot retains (bytes not yet confirmed); null for other sources */
  position_gap_bytes: number | null
  /** changes applied per second over the last ten seconds */
  events_per_second: number
  last_applied_at: string | null
  measured_at?: string | null
  /** per source table: this execution's inserts, updates and deletes */
  changes?: Record<string, ChangeCounts>
}

export type RunTrigger = 'manual' | 'resume' | 'schedule' | 'retry'

/** Where one selected source table lands (POST /api/tasks/targets, GET /api/tasks/{id}/targets). */
export interface TableTarget {
  source: string
  target: string
  /** the qualified table, or a file destination's folder; null when only a run can resolve it */
  location: string | null
}

export interface TargetsAnswer {
  targets: TableTarget[]
  note: string | null
  /** for a draft with a mode: what saving would refuse (config.tables[i] or source_connector_id) */
  problems: { field: string; message: string }[]
}

export interface ExecutionSummary {
  id: number
  status: ExecutionStatus
  processed_rows: number
  rows_per_second: number | null
  started_at: string | null
  finished_at: string | null
  error_message: string | null
  /** its number among the task's runs (#1, #2 ...); null for runs older than numbering */
  run_number?: number | null
}

export interface Execution extends ExecutionSummary {
  task_id: number
  table_progress: TableProgress[]
  created_at: string
  /** the paused or failed execution this one continues */
  resumed_from?: number | null
  /** the execution that continued this one */
  resumed_by?: number | null
  /** what started it; null when not recorded */
  trigger?: RunTrigger | null
  /** the variables resolved at its start: name → value and type */
  variables?: Record<string, { value: unknown; value_type: string }>
  /** stream metrics; null for full loads (and a full_load_then_cdc before it streams) */
  cdc?: CdcMetrics | null
  retries?: number
  last_retry_reason?: string | null
}

export interface TransformationStep {
  type: string
  config: Record<string, unknown>
}

export interface TaskConfig {
  tables?: string[]
  batch_size?: number
  parallel?: boolean
  max_parallel_tables?: number
  transformations?: Record<string, TransformationStep[]>
  [key: string]: unknown
}

export type TaskMode = 'full_load' | 'cdc' | 'full_load_then_cdc'
export type ScheduleType = 'on_demand' | 'interval' | 'cron' | 'continuous'

export interface Task {
  id: number
  name: string
  description: string | null
  source_connector_id: number
  destination_connector_id: number
  mode: TaskMode
  schedule_type: ScheduleType
  schedule: Record<string, unknown>
  config: TaskConfig
  status: TaskStatus
  last_execution: ExecutionSummary | null
  /** when the schedule starts the task next; null when it won't by itself */
  next_run_at?: string | null
  /** why the schedule is held back (stopped, paused, backing off) */
  schedule_note?: string | null
  last_validation?: ValidationSummary | null
  health?: 'ok' | 'warning'
  /** Streaming tasks: what the source retains for the task (issue 18). */
  source_retention?: import('./alerts').SourceRetention | null
  /** Why the task's next start resyncs it; null when it won't. */
  resync_required?: import('./alerts').ResyncRequired | null
  open_alerts?: number
  created_at: string
  updated_at: string
}

export type Verdict = 'equal' | 'different' | 'not_comparable'

export interface ValidationSummary {
  id: number
  status: string
  verdict: Verdict | null
  started_at: string
  finished_at: string | null
}

export interface KeyDifference {
  key: Record<string, string | null>
  kind: 'missing_in_target' | 'extra_in_target' | 'values_differ'
  source: Record<string, string | null> | null
  target: Record<string, string | null> | null
}

export interface TableReport {
  table: string
  target: string
  verdict: Verdict
  reason: string | null
  source_rows: number | null
  target_rows: number | null
  differing_keys: number | null
  differences: KeyDifference[]
  rows_scanned: number
  rows_fetched: number
  repaired_keys: number | null
  duration_ms: number
}

export interface Validation {
  id: number
  task_id: number
  status: 'running' | 'completed' | 'failed' | 'stopped'
  verdict: Verdict | null
  repair: boolean
  trigger: string
  requested: string[]
  tables: TableReport[]
  error_message: string | null
  started_at: string
  finished_at: string | null
}

export interface TaskInput {
  name: string
  description: string | null
  source_connector_id: number
  destination_connector_id: number
  mode: TaskMode
  schedule_type: ScheduleType
  schedule?: Record<string, unknown>
  config: TaskConfig
}

export interface DashboardStats {
  total_tasks: number
  tasks_by_status: Record<string, number>
  total_connectors: number
  source_connectors: number
  destination_connectors: number
  active_executions: number
  executions_today: number
  failed_today: number
  rows_today: number
  throughput_rows_per_second: number
  workers: { mode: string; online: number; slots: number; busy: number }
  /** REDIS_URL is set: only then is Redis used, checked by /q/health and shown on the dashboard. */
  redis_configured: boolean
}

export interface RecentExecution {
  id: number
  task_id: number
  task_name: string
  status: ExecutionStatus
  processed_rows: number
  rows_per_second: number | null
  error_message: string | null
  started_at: string | null
  finished_at: string | null
  created_at: string
  run_number?: number | null
}

export interface HealthCheck {
  name: string
  status: 'UP' | 'DOWN'
  data?: Record<string, unknown>
}

export interface Health {
  status: 'UP' | 'DOWN'
  checks: HealthCheck[]
}

export interface TableInfo {
  name: string
  schema?: string | null
  kind?: string
  row_estimate?: number | null
}

export interface ColumnInfo {
  name: string
  data_type: string
  nullable: boolean
  default_value: string | null
  primary_key_position: number | null
  foreign_key: { schema: string | null; table: string; column: string } | null
}

export interface ResultColumn {
  name: string
  type: string
}

export interface ResultSet {
  columns: ResultColumn[]
  rows: unknown[][]
  truncated?: boolean
  elapsed_ms?: number
  /** some value was cut at 64 KiB; truncated_cells lists them as [row, column] */
  values_truncated?: boolean
  truncated_cells?: [number, number][]
  /** rows stopped because the answer reached its size limit (about 8 MiB) */
  size_truncated?: boolean
}

export interface TransformationField {
  name: string
  type: 'string' | 'integer' | 'boolean' | 'string_list' | 'enum' | 'expression'
  required: boolean
  options?: string[]
  description?: string
}

export interface TransformationType {
  type: string
  category: 'column' | 'row' | 'advanced'
  description: string
  cdc_allowed: boolean
  fields: TransformationField[]
}

export interface PreviewResult {
  before: ResultSet
  after: ResultSet
}

export type VariableType = 'static' | 'db_query' | 'context'

export interface Variable {
  id: number
  name: string
  description: string | null
  variable_type: VariableType
  config: Record<string, unknown>
  created_at: string
  updated_at: string
}

export interface VariableInput {
  name: string
  description: string | null
  variable_type: VariableType
  config: Record<string, unknown>
}

export interface Resolution {
  name: string
  value: unknown
  value_type: string
}

export interface LiveMessage {
  type: string
  execution_id: number
  task_id: number
  status: ExecutionStatus
  processed_rows: number
  bytes: number
  rows_per_second: number
  tables: TableProgress[]
  error: string | null
  at: string
  cdc?: CdcMetrics | null
}
