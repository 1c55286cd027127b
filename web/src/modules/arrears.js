// The 维权 module of wage arrears (欠薪) and labour dispute mediation (劳动争议调解): console
// lists with deadline colours, a create form and a case page for each type, the arrears total
// card of the focused organisation, and the worker's mediation page on the member pages.
import { Money as IconMoney, ChatLineRound as IconChat } from '@element-plus/icons-vue'

const list = () => import('../views/arrears/RightsCasesView.vue')
const page = () => import('../views/arrears/RightsCaseView.vue')

export const consoleRoutes = [
  { path: 'arrears', name: 'arrears', component: list, props: { type: 'wage_arrears' }, meta: { cap: 'case.read', title: 'arrears.menu.arrears' } },
  { path: 'arrears/new', name: 'arrears-new', component: () => import('../views/arrears/ArrearsFormView.vue'), meta: { cap: 'case.handle', title: 'arrears.new.wage_arrears' } },
  { path: 'arrears/:id(\\d+)', name: 'arrears-case', component: page, props: true, meta: { cap: 'case.read', title: 'arrears.menu.arrears' } },
  { path: 'mediation', name: 'mediation', component: list, props: { type: 'mediation' }, meta: { cap: 'case.read', title: 'arrears.menu.mediation' } },
  { path: 'mediation/new', name: 'mediation-new', component: () => import('../views/arrears/MediationFormView.vue'), meta: { cap: 'case.handle', title: 'arrears.new.mediation' } },
  { path: 'mediation/:id(\\d+)', name: 'mediation-case', component: page, props: true, meta: { cap: 'case.read', title: 'arrears.menu.mediation' } }
]

export const memberRoutes = [
  { path: 'mediation', name: 'm-mediation', component: () => import('../views/arrears/MyMediationView.vue'), meta: { title: 'arrears.m.title' } }
]

export const menu = [
  { group: 'rights', index: '/arrears', cap: 'case.read', title: 'arrears.menu.arrears', test: 'menu-arrears', icon: IconMoney, order: 20 },
  { group: 'rights', index: '/mediation', cap: 'case.read', title: 'arrears.menu.mediation', test: 'menu-mediation', icon: IconChat, order: 21 }
]

export const memberNav = [{ name: 'm-mediation', title: 'arrears.m.title', icon: IconChat, order: 20 }]
