import { checkIdNumber } from './idcard.js'
import { normalisePhone } from './phone.js'

// Form rules shared by the forms that take an ID number, a phone number or a new password.
// They check as the user types without nagging: while a field is being typed, only a value that
// is long enough to be judged (or holds a character that can never be right) shows an error; on
// leaving the field, everything is checked.

export function idNumberRules(t, { age = true, on = () => null, required = true } = {}) {
  const judge = (v, partial) => {
    const s = (v || '').trim()
    if (!s) return required && !partial ? t('idcard.empty') : null
    if (partial && s.length < 18 && /^[0-9xX\uFF10-\uFF19\uFF38\uFF58]*$/.test(s)) return null
    const c = checkIdNumber(s, { age, on: on() })
    return c.ok ? null : t('idcard.' + c.error, { age: 16 })
  }
  return [
    { validator: (_r, v, cb) => { const e = judge(v, true); cb(e ? new Error(e) : undefined) }, trigger: 'change' },
    { validator: (_r, v, cb) => { const e = judge(v, false); cb(e ? new Error(e) : undefined) }, trigger: 'blur' }
  ]
}

// mobile: a mobile number only (workers register with one); otherwise a mobile or a landline
export function phoneRules(t, { mobile = false, required = false } = {}) {
  const judge = (v, partial) => {
    const s = (v || '').trim()
    if (!s) return required && !partial ? t('mreg.phoneRequired') : null
    if (partial && s.replace(/\D/g, '').length < 11) return /^[0-9+\- \uFF10-\uFF19]*$/.test(s) ? null : t(mobile ? 'mreg.phoneInvalid' : 'form.phoneInvalid')
    const p = normalisePhone(s)
    if (!p || (mobile && !p.startsWith('1'))) return t(mobile ? 'mreg.phoneInvalid' : 'form.phoneInvalid')
    return null
  }
  return [
    { validator: (_r, v, cb) => { const e = judge(v, true); cb(e ? new Error(e) : undefined) }, trigger: 'change' },
    { validator: (_r, v, cb) => { const e = judge(v, false); cb(e ? new Error(e) : undefined) }, trigger: 'blur' }
  ]
}

export function passwordRules(t) {
  return [
    {
      validator: (_r, v, cb) => {
        const n = [...(v || '')].length
        if (!n) return cb(new Error(t('mreg.passwordRequired')))
        if (n < 12) return cb(new Error(t('users.passwordShort')))
        if (n > 128) return cb(new Error(t('users.passwordLong')))
        cb()
      },
      trigger: 'blur'
    }
  ]
}

export function password2Rules(t, first) {
  return [
    { validator: (_r, v, cb) => cb(v !== first() ? new Error(t('mreg.mismatch')) : undefined), trigger: ['blur', 'change'] }
  ]
}
