// Medical mutual aid (职工医疗互助): plans, enrolment, claims in the console; my plans and claims
// on the member pages. Strings under `mutualAid` in ../locales/modules/mutual_aid.js.
import { FirstAidKit as IconFirstAidKit, Tickets as IconTickets } from '@element-plus/icons-vue'

export const consoleRoutes = [
  { path: 'mutual-aid/plans', name: 'ma-plans', component: () => import('../views/mutual_aid/PlansView.vue'), meta: { cap: 'org.read', title: 'mutualAid.menu.plans' } },
  { path: 'mutual-aid/plans/:id(\\d+)', name: 'ma-enrol', component: () => import('../views/mutual_aid/EnrolView.vue'), meta: { cap: 'member.read', title: 'mutualAid.menu.plans' } },
  { path: 'mutual-aid/claims', name: 'ma-claims', component: () => import('../views/mutual_aid/ClaimsView.vue'), meta: { cap: 'case.read', title: 'mutualAid.menu.claims' } },
  { path: 'mutual-aid/claims/:id(\\d+)', name: 'ma-claim', component: () => import('../views/mutual_aid/ClaimView.vue'), meta: { cap: 'case.read', title: 'mutualAid.menu.claims' } }
]

export const memberRoutes = [
  { path: 'mutual-aid', name: 'm-mutual-aid', component: () => import('../views/mutual_aid/MyMutualAidView.vue'), meta: { title: 'mutualAid.menu.mine' } }
]

export const menu = [
  { group: 'services', index: '/mutual-aid/plans', cap: 'org.read', title: 'mutualAid.menu.plans', test: 'menu-ma-plans', icon: IconFirstAidKit, order: 30 },
  { group: 'services', index: '/mutual-aid/claims', cap: 'case.read', title: 'mutualAid.menu.claims', test: 'menu-ma-claims', icon: IconTickets, order: 31 }
]

export const memberNav = [{ name: 'm-mutual-aid', title: 'mutualAid.menu.mine', icon: IconFirstAidKit, order: 30 }]
