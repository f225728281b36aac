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

/** What Stop does, asked before it happens: unlike Pause, it cannot be resumed. */
export function stopQuestion(taskName: string): string {
  return `Stop "${taskName}"? The run ends at the next batch and cannot be resumed (Start begins again).`
    + " An overwrite's staging tables are dropped; its target tables keep their previous rows."
}
