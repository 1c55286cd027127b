// Shared by the hotline views: the vocabularies (CONTRACT.md), the request body of an intake, the
// colour of a deadline and the division path of a 12-digit code.
import { api } from '../../api.js'

export const DEMAND_TYPES = ['consult', 'help', 'complaint', 'legal_aid', 'suggestion']
export const CATEGORIES = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'occupational_disease', 'women_rights', 'safety', 'policy', 'psychological', 'other']
export const TIERS = ['normal', 'difficult', 'complex']
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied']
export const STATES = ['received', 'handling', 'replied', 'rated', 'closed', 'withdrawn']

export const hotlineApi = {
  tiers: () => api.get('/hotline/tiers'),
  saveTiers: (items) => api.put('/hotline/tiers', { items }),
  places: (parent) => api.get('/hotline/places', parent ? { parent } : undefined),
  act: (id, body) => api.post(`/cases/${id}/actions`, body),
  revealCase: (id) => api.get(`/cases/${id}`, { reveal: 1 })
}

export function stateTag(s) {
  return { received: 'warning', handling: 'primary', replied: 'success', rated: 'success', closed: 'info', withdrawn: 'info' }[s] || 'info'
}

// 'late' (past the deadline), 'soon' (within 24 hours), '' otherwise; nowMs for tests of the clock
export function deadlineLevel(k, nowMs = Date.now()) {
  if (!k.deadline || k.closed_at) return ''
  if (k.overdue) return 'late'
  const left = new Date(k.deadline).getTime() - nowMs
  return left < 24 * 3600 * 1000 ? 'soon' : ''
}

// The hours left before the deadline (negative when past it), rounded toward zero.
export function hoursLeft(k, nowMs = Date.now()) {
  if (!k.deadline) return null
  return Math.trunc((new Date(k.deadline).getTime() - nowMs) / 3600000)
}

// ['320000000000', '320700000000', '320707000000', '320707104000'] for '320707104000': the
// cascader's path to a place (2, 4, 6, 9, 12 significant digits; the levels that are zero skipped).
export function divisionPath(code) {
  const c = String(code || '').padEnd(12, '0').slice(0, 12)
  const out = []
  for (const n of [2, 4, 6, 9, 12]) {
    const seg = c.slice(n === 2 ? 0 : n === 4 ? 2 : n === 6 ? 4 : n === 9 ? 6 : 9, n)
    if (/^0+$/.test(seg)) continue
    out.push(c.slice(0, n).padEnd(12, '0'))
  }
  return out
}

// The place picked in the cascader: the last code of its path.
export function pickedDivision(path) {
  return Array.isArray(path) && path.length ? path[path.length - 1] : ''
}
