import { api, query } from './client'
import type {
  ColumnInfo, Connector, ConnectorInput, ConnectorType, DashboardStats, Execution, Health, PreviewResult,
  RecentExecution, Resolution, ResultSet, TableInfo, TargetsAnswer, Task, TaskInput, TestResult, TransformationStep,
  TransformationType, Validation, Variable, VariableInput,
} from './types'

const enc = encodeURIComponent

export const connectorsApi = {
  types: () => api.get<ConnectorType[]>('/api/connector-types'),
  list: () => api.get<Connector[]>('/api/connectors'),
  get: (id: number) => api.get<Connector>(`/api/connectors/${id}`),
  create: (body: ConnectorInput) => api.post<Connector>('/api/connectors', body),
  update: (id: number, body: Partial<ConnectorInput>) => api.put<Connector>(`/api/connectors/${id}`, body),
  remove: (id: number) => api.del(`/api/connectors/${id}`),
  test: (id: number) => api.post<TestResult>(`/api/connectors/${id}/test`),
  testUnsaved: (body: ConnectorInput & { connector_id?: number }) => api.post<TestResult>('/api/connectors/test', body),
}

export const browserApi = {
  databases: (id: number) => api.get<string[]>(`/api/connectors/${id}/databases`),
  schemas: (id: number, database?: string) => api.get<string[]>(`/api/connectors/${id}/schemas${query({ database })}`),
  tables: (id: number, schema?: string | null, database?: string | null) =>
    api.get<TableInfo[]>(`/api/connectors/${id}/tables${query({ schema, database })}`),
  columns: (id: number, table: string, schema?: string | null, database?: string | null) =>
    api.get<ColumnInfo[]>(`/api/connectors/${id}/tables/${enc(table)}/columns${query({ schema, database })}`),
  preview: (id: number, table: string, schema?: string | null, database?: string | null, limit = 100) =>
    api.get<ResultSet>(`/api/connectors/${id}/tables/${enc(table)}/preview${query({ schema, database, limit })}`),
  /** signal: aborting stops waiting for the answer; the server ends the statement at its timeout */
  query: (id: number, sql: string, limit = 1000, database?: string | null, timeoutSeconds = 30, signal?: AbortSignal) =>
    api.post<ResultSet>(`/api/connectors/${id}/query`, { sql, limit, database: database || null, timeout_seconds: timeoutSeconds }, signal),
}

export const tasksApi = {
  list: () => api.get<Task[]>('/api/tasks'),
  get: (id: number) => api.get<Task>(`/api/tasks/${id}`),
  create: (body: TaskInput) => api.post<Task>('/api/tasks', body),
  update: (id: number, body: Partial<TaskInput>) => api.put<Task>(`/api/tasks/${id}`, body),
  remove: (id: number) => api.del(`/api/tasks/${id}`),
  action: (id: number, action: TaskAction) => api.post<Execution>(`/api/tasks/${id}/${action}`),
  executions: (id: number, limit = 50) => api.get<Execution[]>(`/api/tasks/${id}/executions${query({ limit })}`),
  validate: (id: number, repair = false) => api.post<Validation>(`/api/tasks/${id}/validate`, { repair }),
  validations: (id: number, limit = 20) => api.get<Validation[]>(`/api/tasks/${id}/validations${query({ limit })}`),
  execution: (id: number) => api.get<Execution>(`/api/executions/${id}`),
  /** Where a draft's tables will land: needs the two connector ids and config.tables. */
  draftTargets: (body: Pick<TaskInput, 'source_connector_id' | 'destination_connector_id' | 'config'> & { mode?: TaskInput['mode'] }) =>
    api.post<TargetsAnswer>('/api/tasks/targets', body),
  targets: (id: number) => api.get<TargetsAnswer>(`/api/tasks/${id}/targets`),
  /** Per-table actions on a running change stream (docs/cdc.md, per-table lifecycle). */
  tableAction: (id: number, action: 'pause' | 'resume' | 'resync' | 'remove', tables: string[]) =>
    api.post<unknown>(action === 'resync' ? `/api/tasks/${id}/resync` : `/api/tasks/${id}/tables/${action}`, { tables }),
}

export type TaskAction = 'start' | 'stop' | 'pause' | 'resume'

export const dashboardApi = {
  stats: () => api.get<DashboardStats>('/api/dashboard/stats'),
  recent: (limit = 20) => api.get<RecentExecution[]>(`/api/dashboard/executions/recent${query({ limit })}`),
  /** /q/health answers 503 with the same body when something is down; both are a result, not an error. */
  health: async (): Promise<Health> => {
    const res = await fetch('/q/health', { headers: { Accept: 'application/json' } })
    return (await res.json()) as Health
  },
}

export const transformationsApi = {
  types: () => api.get<TransformationType[]>('/api/transformations/types'),
  /** variables: test values of the {{name}}s the steps use */
  preview: (connectorId: number, table: string, transformations: TransformationStep[], limit = 20, variables?: Record<string, unknown>) =>
    api.post<PreviewResult>('/api/transformations/preview', { connector_id: connectorId, table, transformations, limit,
      ...(variables && Object.keys(variables).length ? { variables } : {}) }),
}

export const variablesApi = {
  list: () => api.get<Variable[]>('/api/variables'),
  create: (body: VariableInput) => api.post<Variable>('/api/variables', body),
  update: (id: number, body: VariableInput) => api.put<Variable>(`/api/variables/${id}`, body),
  remove: (id: number) => api.del(`/api/variables/${id}`),
  /** taskId: the task whose context (task.name, its source for a db_query without connector) to resolve for. */
  resolve: (id: number, taskId?: number | null) => api.post<Resolution>(`/api/variables/${id}/resolve${query({ task_id: taskId })}`),
  resolveUnsaved: (body: VariableInput, taskId?: number | null) =>
    api.post<Resolution>('/api/variables/resolve', taskId ? { ...body, task_id: taskId } : body),
}
