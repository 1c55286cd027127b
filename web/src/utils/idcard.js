// Resident ID numbers (GB 11643), checked with the same rules as the server (src/check/idcard.c):
//  - full-width characters fold to half-width, white space is trimmed from both ends, x reads as X;
//  - 18 characters (or an old 15-digit number, read with century 19 and its check character
//    computed), digits only except an X in the 18th place;
//  - the first two digits are a province code (GB/T 2260) or 81/82/83 (residence permits of
//    Hong Kong, Macao and Taiwan residents); 71 is not issued;
//  - digits 7–14 are a real birth date, year 1900 or later;
//  - the 18th character is the MOD 11-2 check character: weights 2^(18−i) mod 11;
//  - a member is at least 16 on the day (a birthday on 29 February counts from 1 March).
// checkIdNumber returns {ok, error, number, birth: 'YYYY-MM-DD', sex: 'M'|'F'}; error is one of
// 'empty', 'length', 'chars', 'province', 'birth_date', 'check', 'future_birth', 'under_age'.

const PROVINCES = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 81, 82, 83])
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
export const IDCARD_MIN_YEAR = 1900
export const MIN_AGE = 16

export function normaliseIdNumber(s) {
  if (!s) return ''
  return String(s)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^[ \t\r\n\u3000\u00a0]+|[ \t\r\n\u3000\u00a0]+$/g, '') // trimmed at both ends, as the server does
    .replace(/x/g, 'X')
}

export function idCheckChar(first17) {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return '10X98765432'[sum % 11]
}

function leap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

function dateValid(y, m, d) {
  const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  if (m < 1 || m > 12 || d < 1) return false
  return d <= days[m - 1] + (m === 2 && leap(y) ? 1 : 0)
}

// today's date in China as [y, m, d]
export function todayParts() {
  const s = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  const [y, m, d] = s.split('-').map(Number)
  return [y, m, d]
}

export function todayString() {
  const [y, m, d] = todayParts()
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

// The age check of the server: 'future_birth', 'under_age' or null, on date `on` ('YYYY-MM-DD', default today).
export function checkAge(id, on, minAge = MIN_AGE) {
  let y, m, d
  const mm = on ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(on) : null
  if (mm) [y, m, d] = [Number(mm[1]), Number(mm[2]), Number(mm[3])]
  else [y, m, d] = todayParts()
  if (id.year > y || (id.year === y && (id.month > m || (id.month === m && id.day > d)))) return 'future_birth'
  let age = y - id.year
  if (m < id.month || (m === id.month && d < id.day)) age--
  return age < minAge ? 'under_age' : null
}

// Parses and checks a number; with `ageOn` (a date or true for today) checks the age too.
export function checkIdNumber(input, { age = true, on = null } = {}) {
  const s = normaliseIdNumber(input)
  if (!s) return { ok: false, error: 'empty' }
  if (!/^[0-9X]*$/.test(s)) return { ok: false, error: 'chars' }
  if (s.length !== 18 && s.length !== 15) return { ok: false, error: 'length' }
  if (!/^\d+$/.test(s.slice(0, s.length === 18 ? 17 : 15))) return { ok: false, error: 'chars' }
  let num
  if (s.length === 18) num = s
  else {
    const first17 = s.slice(0, 6) + '19' + s.slice(6, 15)
    num = first17 + idCheckChar(first17)
  }
  if (!PROVINCES.has(Number(num.slice(0, 2)))) return { ok: false, error: 'province' }
  const year = Number(num.slice(6, 10))
  const month = Number(num.slice(10, 12))
  const day = Number(num.slice(12, 14))
  if (year < IDCARD_MIN_YEAR || !dateValid(year, month, day)) return { ok: false, error: 'birth_date' }
  if (idCheckChar(num.slice(0, 17)) !== num[17]) return { ok: false, error: 'check' }
  const out = {
    ok: true,
    error: null,
    number: num,
    year,
    month,
    day,
    birth: `${num.slice(6, 10)}-${num.slice(10, 12)}-${num.slice(12, 14)}`,
    sex: Number(num[16]) % 2 ? 'M' : 'F'
  }
  if (age) {
    const a = checkAge(out, on)
    if (a) return { ...out, ok: false, error: a }
  }
  return out
}

export function maskIdNumber(number18) {
  if (!number18 || number18.length !== 18) return '*'.repeat(18)
  return number18.slice(0, 4) + '*'.repeat(10) + number18.slice(14)
}
