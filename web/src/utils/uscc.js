// Unified social credit code (统一社会信用代码, GB 32100-2015), checked with the same rule
// as the server (src/check/uscc.c):
//  - 18 characters from 0-9 A-H J-N P-R T U W-Y (no I, O, Z, S, V);
//  - check character C18 = (31 − Σ(value(ci) × 3^(i−1) mod 31) mod 31) mod 31;
//  - soft check: positions 9–17 are the organisation code (GB 11714) whose own check
//    character (position 17) follows weights 3 7 9 10 5 8 4 2 over A..Z = 10..35,
//    C9 = 11 − Σ mod 11 (10 → X, 11 → 0). A failure there is only a warning.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1
  for (let k = 0; k < i; k++) w = (w * 3) % 31
  return w
})
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

export function normaliseUscc(s) {
  if (!s) return ''
  // full-width to half-width, trim, upper case
  return String(s)
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .toUpperCase()
}

export function usccCheckChar(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

function orgCodeValue(c) {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55
  return -1
}

export function orgCodeCheckChar(first8) {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const v = orgCodeValue(first8[i])
    if (v < 0) return null
    sum += v * ORG_WEIGHTS[i]
  }
  const c = 11 - (sum % 11)
  if (c === 10) return 'X'
  if (c === 11) return '0'
  return String(c)
}

// Returns {ok, error: null|'length'|'charset'|'check', warning: null|'org_code'}.
export function checkUscc(input) {
  const s = normaliseUscc(input)
  if (s.length !== 18) return { ok: false, error: 'length', warning: null }
  for (const c of s) if (!USCC_CHARSET.includes(c)) return { ok: false, error: 'charset', warning: null }
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return { ok: false, error: 'check', warning: null }
  const org = s.slice(8, 17)
  const warning = orgCodeCheckChar(org.slice(0, 8)) === org[8] ? null : 'org_code'
  return { ok: true, error: null, warning }
}
