import { ref } from 'vue'

/**
 * The API token for a server bound off loopback (DTAAS_API_TOKEN). Kept in this browser's localStorage;
 * `needed` turns true when the server answered 401, and App asks for it.
 */
const KEY = 'dtaas.api-token'

export const tokenNeeded = ref(false)

export function apiToken(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function setApiToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token)
  else localStorage.removeItem(KEY)
  tokenNeeded.value = false
}
