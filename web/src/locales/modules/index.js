// The strings of the feature modules (../../modules): each file here exports
//   default { 'zh-CN': { … }, en: { … } }
// merged into the messages under their own top-level keys (a module never redefines another's).
const found = import.meta.glob('./*.js', { eager: true })

export function moduleMessages(lang) {
  const out = {}
  for (const [file, m] of Object.entries(found)) {
    if (file === './index.js') continue
    Object.assign(out, (m.default || {})[lang] || {})
  }
  return out
}
