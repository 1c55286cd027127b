// Mainland phone numbers, the same rule as the server (src/check/phone.c): digits with spaces or
// hyphens between them, an optional +86 before a mobile; a mobile is 1[3-9] and 11 digits; a
// landline is 0 + area code (010 and 02x: two digits after the 0, else three) + 7–8 digits
// starting 2–9. Returns the canonical form ("13912345678", "0518-86123456") or null.
export function normalisePhone(input) {
  if (!input) return null
  const s = String(input)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
  if (!s || s.length > 32 || s.startsWith('-') || s.endsWith('-')) return null
  let plus = false
  let d = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c >= '0' && c <= '9') d += c
    else if (c === '+' && i === 0) plus = true
    else if (c !== ' ' && c !== '-') return null
  }
  const mobile = (x) => (x.length === 11 && x[0] === '1' && x[1] >= '3' && x[1] <= '9' ? x : null)
  if (plus || (d.length === 13 && d.startsWith('86'))) {
    if (!d.startsWith('86')) return null
    return mobile(d.slice(2))
  }
  if (mobile(d)) return d
  if (d.length < 3 || d[0] !== '0') return null
  let area
  if ((d[1] === '1' && d[2] === '0') || d[1] === '2') area = 2
  else if (d[1] >= '3' && d[1] <= '9') area = 3
  else return null
  const local = d.length - 1 - area
  if (local < 7 || local > 8 || d[1 + area] < '2' || d[1 + area] > '9') return null
  return `${d.slice(0, 1 + area)}-${d.slice(1 + area)}`
}
