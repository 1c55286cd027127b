// 维权 (rights protection). The 12351 hotline part: the operator's intake screen, the handlers'
// inbox and case page, the federations' supervision view and the time limits in the console; the
// worker's request form and their requests on the member pages. Routes and entries are named
// hotline-* (the wage-arrears and mediation parts of this module have their own).
import { Phone, Tickets, AlarmClock, Timer, ChatLineRound, Document } from '@element-plus/icons-vue'

export const consoleRoutes = [
  { path: 'hotline', name: 'hotline-inbox', component: () => import('../views/hotline/HotlineInboxView.vue'), meta: { cap: 'case.read', title: 'hotline.menu.inbox' } },
  { path: 'hotline/intake', name: 'hotline-intake', component: () => import('../views/hotline/HotlineIntakeView.vue'), meta: { cap: 'case.handle', title: 'hotline.menu.intake' } },
  { path: 'hotline/supervision', name: 'hotline-supervision', component: () => import('../views/hotline/HotlineSupervisionView.vue'), meta: { cap: 'case.read', title: 'hotline.menu.supervision' } },
  { path: 'hotline/tiers', name: 'hotline-tiers', component: () => import('../views/hotline/HotlineTiersView.vue'), meta: { cap: 'case.read', title: 'hotline.menu.tiers' } },
  { path: 'hotline/:id(\\d+)', name: 'hotline-case', component: () => import('../views/hotline/HotlineCaseView.vue'), meta: { cap: 'case.read', title: 'hotline.menu.inbox' } }
]

export const memberRoutes = [
  { path: 'hotline', name: 'm-hotline', component: () => import('../views/hotline/MHotlineMineView.vue'), meta: { title: 'hotline.m.title' } },
  { path: 'hotline/new', name: 'm-hotline-new', component: () => import('../views/hotline/MHotlineRequestView.vue'), meta: { title: 'hotline.m.newTitle' } }
]

export const menu = [
  { group: 'rights', index: '/hotline/intake', cap: 'case.handle', title: 'hotline.menu.intake', test: 'menu-hotline-intake', icon: Phone, order: 10 },
  { group: 'rights', index: '/hotline', cap: 'case.read', title: 'hotline.menu.inbox', test: 'menu-hotline-inbox', icon: Tickets, order: 11 },
  { group: 'rights', index: '/hotline/supervision', cap: 'case.read', title: 'hotline.menu.supervision', test: 'menu-hotline-supervision', icon: AlarmClock, order: 12 },
  { group: 'rights', index: '/hotline/tiers', cap: 'case.read', title: 'hotline.menu.tiers', test: 'menu-hotline-tiers', icon: Timer, order: 13 }
]

export const memberNav = [
  { name: 'm-hotline-new', title: 'hotline.m.nav', icon: ChatLineRound, order: 10 },
  { name: 'm-hotline', title: 'hotline.m.mine', icon: Document, order: 11 }
]
