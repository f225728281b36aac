import { reactive } from 'vue'

export type ToastKind = 'success' | 'error' | 'info'

export interface Toast {
  id: number
  kind: ToastKind
  message: string
}

let next = 1
/** The toasts on screen; ToastHost renders them. */
export const toasts = reactive<Toast[]>([])

export function toast(message: string, kind: ToastKind = 'info', ms = kind === 'error' ? 8000 : 4000): void {
  const id = next++
  toasts.push({ id, kind, message })
  setTimeout(() => dismiss(id), ms)
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id)
  if (i >= 0) toasts.splice(i, 1)
}
