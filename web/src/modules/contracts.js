// Collective contracts (集体合同), labour-law supervision notices (劳动法律监督意见书/建议书) and the
// service catalogue (服务项目清单): the console pages under 维权服务 and 服务职工, and the member page
// listing the services of the worker's own union and the federations above it.
import { markRaw } from 'vue'
import { Document as IconDocument, Tickets as IconTickets, Present as IconPresent, Service as IconService } from '@element-plus/icons-vue'

export const consoleRoutes = [
  { path: 'contracts', name: 'contracts', component: () => import('../views/contracts/ContractsView.vue'), meta: { cap: 'org.read', title: 'contracts.menu.contracts' } },
  { path: 'supervision-notices', name: 'supervision-notices', component: () => import('../views/contracts/NoticesView.vue'), meta: { cap: 'org.read', title: 'contracts.menu.notices' } },
  { path: 'service-items', name: 'service-items', component: () => import('../views/contracts/ServiceItemsView.vue'), meta: { cap: 'org.read', title: 'contracts.menu.services' } }
]

export const memberRoutes = [
  { path: 'service-items', name: 'm-service-items', component: () => import('../views/contracts/MyServiceItemsView.vue'), meta: { title: 'contracts.m.title' } }
]

export const menu = [
  { group: 'rights', index: '/contracts', cap: 'org.read', title: 'contracts.menu.contracts', test: 'menu-contracts', icon: markRaw(IconDocument), order: 40 },
  { group: 'rights', index: '/supervision-notices', cap: 'org.read', title: 'contracts.menu.notices', test: 'menu-notices', icon: markRaw(IconTickets), order: 41 },
  { group: 'services', index: '/service-items', cap: 'org.read', title: 'contracts.menu.services', test: 'menu-service-items', icon: markRaw(IconPresent), order: 10 }
]

export const memberNav = [{ name: 'm-service-items', title: 'contracts.m.nav', icon: markRaw(IconService), order: 10 }]
