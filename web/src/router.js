import { createRouter, createWebHistory } from 'vue-router'
import { useSession } from './stores/session.js'
import ConsoleLayout from './layouts/ConsoleLayout.vue'

// Menu entries and pages; `cap` is the capability the role must hold (from user.capabilities).
export const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: ConsoleLayout,
    children: [
      { path: '', name: 'home', redirect: () => firstAllowed() },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { cap: 'stats.read', title: 'menu.dashboard' } },
      { path: 'orgs', name: 'org-tree', component: () => import('./views/OrgTreeView.vue'), meta: { cap: 'org.read', title: 'menu.orgTree' } },
      { path: 'orgs/new', name: 'org-new', component: () => import('./views/OrgFormView.vue'), meta: { cap: 'org.create', title: 'form.createTitle' } },
      { path: 'orgs/:id(\\d+)', name: 'org', component: () => import('./views/OrgView.vue'), meta: { cap: 'org.read', title: 'menu.orgTree' } },
      { path: 'orgs/:id(\\d+)/edit', name: 'org-edit', component: () => import('./views/OrgFormView.vue'), meta: { cap: 'org.edit', title: 'common.edit' } },
      { path: 'employers', name: 'employers', component: () => import('./views/EmployersView.vue'), meta: { cap: 'org.read', title: 'menu.employers' } },
      { path: 'system/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { cap: 'user.read', title: 'menu.users' } },
      { path: 'system/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { cap: 'audit.read', title: 'menu.audit' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'notFound.title' } }
    ]
  }
]

const ORDER = ['dashboard', 'org-tree', 'employers', 'users', 'audit']

function firstAllowed() {
  const session = useSession()
  for (const name of ORDER) {
    const r = routes[1].children.find((c) => c.name === name)
    if (!r.meta.cap || session.can(r.meta.cap)) return { name }
  }
  return { name: 'not-found', params: { pathMatch: ['forbidden'] } }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

router.beforeEach(async (to) => {
  const session = useSession()
  if (!session.loaded) {
    try {
      await session.load()
    } catch (e) {
      /* network trouble: the login page says so */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && session.user) return firstAllowed()
    return true
  }
  if (!session.user) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.meta.cap && !session.can(to.meta.cap)) return firstAllowed()
  return true
})
