import { vi } from 'vitest'

export interface Call {
  method: string
  url: string
  body: unknown
}

/** Stubs fetch with answers by "METHOD path" (query string ignored); records the calls. */
export function stubFetch(routes: Record<string, { status?: number; body: unknown }>): Call[] {
  const calls: Call[] = []
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    const key = `${method} ${url.split('?')[0]}`
    const r = routes[key]
    if (!r) return new Response(JSON.stringify({ status: 404, detail: `no stub for ${key}` }), { status: 404 })
    return new Response(JSON.stringify(r.body), { status: r.status ?? 200 })
  }))
  return calls
}
