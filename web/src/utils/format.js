// Display helpers: dates as 2026年11月22日 in Chinese, times in Asia/Shanghai, rates as percent.

const TZ = 'Asia/Shanghai'

export function formatDate(value, lang) {
  if (!value) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value))
  if (!m) return String(value)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (lang === 'en') {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    return `${names[mo - 1]} ${d}, ${y}`
  }
  return `${y}年${mo}月${d}日`
}

export function formatTime(value, lang) {
  if (!value) return ''
  const t = typeof value === 'number' ? new Date(value * 1000) : new Date(value)
  if (Number.isNaN(t.getTime())) return String(value)
  const parts = {}
  for (const p of new Intl.DateTimeFormat('en-CA', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false
  }).formatToParts(t)) {
    parts[p.type] = p.value
  }
  const hh = parts.hour === '24' ? '00' : parts.hour
  const date = formatDate(`${parts.year}-${parts.month}-${parts.day}`, lang)
  return `${date} ${hh}:${parts.minute}:${parts.second}`
}

export function formatNumber(n, lang) {
  if (n === null || n === undefined || n === '') return '—'
  return Number(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN')
}

export function formatRate(r) {
  if (r === null || r === undefined || Number.isNaN(Number(r))) return '—'
  return `${(Number(r) * 100).toFixed(1)}%`
}

// Money: fen (integers) shown in yuan with two decimals: 261500 → "¥2,615.00".
export function formatYuan(fen, lang) {
  if (fen === null || fen === undefined || fen === '' || Number.isNaN(Number(fen))) return '—'
  const n = Math.trunc(Number(fen))
  const neg = n < 0
  const abs = Math.abs(n)
  const yuan = Math.floor(abs / 100).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN')
  const cents = String(abs % 100).padStart(2, '0')
  return `${neg ? '-' : ''}¥${yuan}.${cents}`
}

// Dues: 0.5% of the wage base with the part under ten yuan dropped (src/domain/dues.c).
export function duesAmountFen(baseFen) {
  const b = Math.trunc(Number(baseFen) || 0)
  return b < 0 ? 0 : Math.floor(b / 1000) * 5
}

// "2026-11" → "2026年11月" / "Nov 2026"
export function formatMonth(value, lang) {
  const m = /^(\d{4})-(\d{2})/.exec(String(value || ''))
  if (!m) return value || ''
  if (lang === 'en') {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
    return `${names[Number(m[2]) - 1]} ${m[1]}`
  }
  return `${m[1]}年${Number(m[2])}月`
}

// Today in China as YYYY-MM-DD, and this month as YYYY-MM.
export function todayIso() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}
export function thisMonth() {
  return todayIso().slice(0, 7)
}
