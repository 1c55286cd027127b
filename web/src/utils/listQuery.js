import { computed } from 'vue'
import { useRoute, useRouter } from 'vue-router'

// Keeps a list's filters and page in the URL query so a link can be shared.
// `defaults` names every key with its default (numbers stay numbers).
export function useListQuery(defaults) {
  const route = useRoute()
  const router = useRouter()

  const state = computed(() => {
    const out = {}
    for (const [k, d] of Object.entries(defaults)) {
      const raw = route.query[k]
      const v = Array.isArray(raw) ? raw[0] : raw
      if (v === undefined || v === null || v === '') out[k] = d
      else if (typeof d === 'number') out[k] = Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d
      else out[k] = String(v)
    }
    return out
  })

  function update(patch, { resetPage = true } = {}) {
    const next = { ...state.value, ...(resetPage && !('page' in patch) ? { page: 1 } : {}), ...patch }
    const query = {}
    for (const [k, v] of Object.entries(next)) {
      if (v === '' || v === null || v === undefined || v === defaults[k]) continue
      query[k] = String(v)
    }
    return router.push({ query })
  }

  return { state, update }
}

export function errorText(e, t) {
  if (!e) return ''
  if (e.code === 'network') return t('common.networkError')
  if (e.message) return e.message
  if (e.status === 403) return t('common.forbidden')
  return t('common.unknownError')
}
