import { ref, type Ref } from 'vue'
import { errorMessage } from '../api/client'

/** One loadable thing with its loading and error states, for the empty/loading/error views. */
export interface Resource<T> {
  data: Ref<T | null>
  loading: Ref<boolean>
  error: Ref<string | null>
  load: () => Promise<void>
}

export function useResource<T>(fetcher: () => Promise<T>): Resource<T> {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = ref<string | null>(null)
  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      data.value = await fetcher()
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
  }
  return { data, loading, error, load }
}
