// Hardship files (困难职工档案): the staff pages (files, one file, living standards) and the
// member page (apply for myself, see my file). The files are cases of type hardship.
import { Notebook, Coin, Present } from '@element-plus/icons-vue'
import { markRaw } from 'vue'

export const consoleRoutes = [
  { path: 'hardship', name: 'hardship-files', component: () => import('../views/hardship/HardshipFilesView.vue'), meta: { cap: 'case.read', title: 'hardship.menu' } },
  { path: 'hardship/:id(\\d+)', name: 'hardship-file', component: () => import('../views/hardship/HardshipFileView.vue'), meta: { cap: 'case.read', title: 'hardship.menu' } },
  { path: 'living-standards', name: 'living-standards', component: () => import('../views/hardship/LivingStandardsView.vue'), meta: { cap: 'case.read', title: 'hardship.standards.menu' } }
]

export const memberRoutes = [
  { path: 'hardship', name: 'm-hardship', component: () => import('../views/hardship/MyHardshipView.vue'), meta: { title: 'hardship.my.title' } }
]

export const menu = [
  { group: 'services', index: '/hardship', cap: 'case.read', title: 'hardship.menu', test: 'menu-hardship', icon: markRaw(Notebook), order: 20 },
  { group: 'services', index: '/living-standards', cap: 'case.read', title: 'hardship.standards.menu', test: 'menu-living-standards', icon: markRaw(Coin), order: 21 }
]

export const memberNav = [{ name: 'm-hardship', title: 'hardship.my.title', icon: markRaw(Present), order: 20 }]
