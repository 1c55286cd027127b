import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import {
  ArrowDown, ArrowRight, Connection, DataAnalysis, Document, Edit, Expand, Fold, HomeFilled, Key, Lock,
  OfficeBuilding, Plus, Refresh, Search, Setting, Share, SwitchButton, User, UserFilled, CircleCheck, Warning
} from '@element-plus/icons-vue'
import App from './App.vue'
import { router } from './router.js'
import { i18n, setLang, currentLang } from './i18n.js'
import { setUnauthenticatedHandler } from './api.js'
import { useSession } from './stores/session.js'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)
const icons = { ArrowDown, ArrowRight, Connection, DataAnalysis, Document, Edit, Expand, Fold, HomeFilled, Key, Lock,
  OfficeBuilding, Plus, Refresh, Search, Setting, Share, SwitchButton, User, UserFilled, CircleCheck, Warning }
for (const [name, comp] of Object.entries(icons)) app.component(`Icon${name}`, comp)
app.use(router)

setLang(currentLang.value)

// Any 401 from the API (session expired, logged out elsewhere) leads to the login page.
setUnauthenticatedHandler(() => {
  const session = useSession()
  session.clear()
  const cur = router.currentRoute.value
  if (cur.name !== 'login') {
    router.replace({ name: 'login', query: cur.fullPath && cur.fullPath !== '/' ? { redirect: cur.fullPath } : {} })
  }
})

app.mount('#app')
