// Helpers of the wage arrears and mediation pages: deadline colours, yuan ↔ fen, the state tags,
// and the server's field errors put next to their form items.

// Days from now to an ISO deadline (negative: overdue), or null.
export function daysLeft(deadline, now = Date.now()) {
  if (!deadline) return null
  const ms = new Date(deadline).getTime() - now
  // within N days (rounded up) ahead; whole days past it ("overdue 0 days" shows as 1)
  return ms >= 0 ? Math.ceil(ms / 86400000) : -Math.floor(-ms / 86400000)
}

// 'overdue' (past it), 'soon' (within 3 days), 'ok', or '' for a closed case or none.
export function deadlineLevel(k) {
  if (!k || k.closed_at || !k.deadline) return ''
  if (k.overdue) return 'overdue'
  const d = daysLeft(k.deadline)
  return d !== null && d <= 3 ? 'soon' : 'ok'
}

export function deadlineText(t, k) {
  if (!k || k.closed_at || !k.deadline) return t('arrears.due.none')
  const d = daysLeft(k.deadline)
  if (k.overdue || d < 0) return t('arrears.due.overdue', { n: Math.max(1, -d) })
  if (d === 0) return t('arrears.due.today')
  return t('arrears.due.left', { n: d })
}

// "1,234.5" yuan → 123450 fen; NaN when it is not an amount.
export function yuanToFen(v) {
  const s = String(v ?? '').replace(/[,，\s¥]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN
  return Math.round(Number(s) * 100)
}

export const STATES = {
  wage_arrears: ['reported', 'recovering', 'settled', 'rejected', 'withdrawn'],
  mediation: ['applied', 'mediating', 'agreed', 'failed', 'withdrawn']
}
export const OPEN_STATES = ['reported', 'recovering', 'applied', 'mediating']

export function stateTag(s) {
  return (
    { reported: 'warning', applied: 'warning', recovering: 'primary', mediating: 'primary', settled: 'success', agreed: 'success', rejected: 'danger', failed: 'danger', withdrawn: 'info' }[s] || 'info'
  )
}

// The server's field ("employer.name") → the form item's key ("employer_name").
export function fieldKey(field) {
  return String(field || '').replace(/\./g, '_')
}
