import { onBeforeUnmount, ref } from 'vue'
import type { LiveMessage } from '../api/types'
import { apiToken } from '../api/token'

/** The /ws URL of this page's server, optionally for one task. */
export function liveUrl(taskId?: number, loc: Location = window.location, token: string | null = apiToken()): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  const q = new URLSearchParams()
  if (taskId !== undefined) q.set('task_id', String(taskId))
  if (token) q.set('access_token', token) // browsers cannot set headers on WebSockets
  const qs = q.toString()
  return `${scheme}//${loc.host}/ws${qs ? `?${qs}` : ''}`
}

/**
 * Follows live execution progress on /ws while the calling component is mounted, reconnecting after a
 * dropped connection. `connected` tells the page whether it is live.
 */
export function useLiveProgress(onMessage: (m: LiveMessage) => void, taskId?: number,
  onValidation?: (m: { validation_id: number; event: string }) => void) {
  const connected = ref(false)
  let socket: WebSocket | null = null
  let closed = false
  let retry: ReturnType<typeof setTimeout> | undefined

  function open(): void {
    socket = new WebSocket(liveUrl(taskId))
    socket.onopen = () => { connected.value = true }
    socket.onmessage = (ev: MessageEvent) => {
      try {
        const m = JSON.parse(String(ev.data)) as LiveMessage
        if (m.type === 'execution_progress') onMessage(m)
        else if ((m as { type: string }).type === 'validation_progress') onValidation?.(m as never)
      } catch {
        // not ours to understand; clients ignore unknown messages
      }
    }
    socket.onclose = () => {
      connected.value = false
      if (!closed) retry = setTimeout(open, 2000)
    }
  }

  open()
  onBeforeUnmount(() => {
    closed = true
    clearTimeout(retry)
    socket?.close()
  })
  return { connected }
}
