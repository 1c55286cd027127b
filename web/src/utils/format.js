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
