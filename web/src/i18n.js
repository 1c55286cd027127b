import { createI18n } from 'vue-i18n'
import { ref } from 'vue'
import zhCN from './locales/zh-CN.js'
import en from './locales/en.js'
import { moduleMessages } from './locales/modules/index.js'
import { setApiLanguage } from './api.js'

const STORAGE_KEY = 'gonghui.lang'
export const LANGS = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' }
]

function initialLang() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'zh-CN' || saved === 'en') return saved
  } catch (e) {
    /* storage may be unavailable */
  }
  return 'zh-CN' // Chinese first, whatever the browser says
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: {
    'zh-CN': { ...zhCN, ...moduleMessages('zh-CN') },
    en: { ...en, ...moduleMessages('en') }
  }
})

export const currentLang = ref(i18n.global.locale.value)

export function setLang(lang) {
  i18n.global.locale.value = lang
  currentLang.value = lang
  setApiLanguage(lang)
  document.documentElement.setAttribute('lang', lang)
  document.title = i18n.global.t('app.title')
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch (e) {
    /* ignore */
  }
}

setApiLanguage(currentLang.value)
