import type { TaskAction } from '../api/endpoints'
import type { TaskStatus } from '../api/types'

/** Which actions apply in which task status (docs/state-machine.md); others would answer 409. */
const ALLOWED: Record<TaskStatus, TaskAction[]> = {
  idle: ['start'],
  queued: ['pause', 'stop'],
  running: ['pause', 'stop'],
  stopping: [],
  paused: ['resume', 'stop'],
  stopped: ['start'],
  completed: ['start'],
  failed: ['start', 'resume'],
}

export function allowedActions(status: TaskStatus): TaskAction[] {
  return ALLOWED[status] ?? []
}
