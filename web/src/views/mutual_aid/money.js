// Money of the mutual-aid pages: the API speaks fen (integers); people read and type yuan.
// Conversions are exact on the decimal text, never through floating-point products.

// 123456 → "1,234.56"
export function yuan(fen) {
  if (fen === null || fen === undefined || fen === '') return '—'
  const n = Number(fen)
  const sign = n < 0 ? '-' : ''
  const a = Math.abs(Math.trunc(n))
  const whole = Math.floor(a / 100).toLocaleString('en-US')
  return `${sign}${whole}.${String(a % 100).padStart(2, '0')}`
}

// "1234.5" → 123450; null for anything that is not a non-negative amount with at most two decimals
export function toFen(text) {
  const s = String(text ?? '').trim().replace(/,/g, '')
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
}

// 5000 basis points → "50%", 3333 → "33.33%"
export function percent(bp) {
  if (bp === null || bp === undefined) return '—'
  const s = (Number(bp) / 100).toFixed(2).replace(/\.?0+$/, '')
  return `${s}%`
}
