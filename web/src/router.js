import { createRouter, createWebHistory } from 'vue-router'
import { useSession } from './stores/session.js'
import ConsoleLayout from './layouts/ConsoleLayout.vue'
import { consoleRoutes, memberRoutes } from './modules/index.js'

// Menu entries and pages; `cap` is the capability the role must hold (from user.capabilities).
// The member pages (/m/…) are for workers' accounts (role member) and have no left menu.
export const routes = [
  { path: '/login', name: 'login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
  { path: '/m/register', name: 'm-register', component: () => import('./views/m/RegisterView.vue'), meta: { public: true, mobile: true } },
  { path: '/m/activate', name: 'm-activate', component: () => import('./views/m/ActivateView.vue'), meta: { public: true, mobile: true } },
  {
    path: '/m',
    component: () => import('./layouts/MemberLayout.vue'),
    meta: { member: true },
    children: [
      { path: '', name: 'm-home', redirect: { name: 'm-card' } },
      { path: 'card', name: 'm-card', component: () => import('./views/m/MyCardView.vue'), meta: { member: true, title: 'mnav.card' } },
      { path: 'join', name: 'm-join', component: () => import('./views/m/JoinView.vue'), meta: { member: true, title: 'mnav.join' } },
      { path: 'transfer', name: 'm-transfer', component: () => import('./views/m/TransferView.vue'), meta: { member: true, title: 'mnav.transfer' } },
      { path: 'cases', name: 'm-cases', component: () => import('./views/m/MyCasesView.vue'), meta: { member: true, title: 'mnav.cases' } },
      { path: 'data', name: 'm-data', component: () => import('./views/m/MyDataView.vue'), meta: { member: true, title: 'mnav.data' } },
      { path: 'services', name: 'm-services', component: () => import('./views/m/ServicesView.vue'), meta: { member: true, title: 'mnav.services' } },
      ...memberRoutes.map((r) => ({ ...r, meta: { member: true, ...(r.meta || {}) } }))
    ]
  },
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
      { path: 'members', name: 'members', component: () => import('./views/MembersView.vue'), meta: { cap: 'member.read', title: 'menu.roster' } },
      { path: 'members/new', name: 'member-new', component: () => import('./views/MemberFormView.vue'), meta: { cap: 'member.write', title: 'memberForm.title' } },
      { path: 'members/import', name: 'member-import', component: () => import('./views/ImportView.vue'), meta: { cap: 'member.write', title: 'menu.import' } },
      { path: 'members/:id(\\d+)', name: 'member', component: () => import('./views/MemberView.vue'), meta: { cap: 'member.read', title: 'menu.roster' } },
      { path: 'cases/join', name: 'join-inbox', component: () => import('./views/JoinInboxView.vue'), meta: { cap: 'case.read', title: 'menu.joinInbox' } },
      { path: 'cases/transfers', name: 'transfers', component: () => import('./views/TransfersView.vue'), meta: { cap: 'case.read', title: 'menu.transfers' } },
      { path: 'dues', name: 'dues', component: () => import('./views/DuesView.vue'), meta: { cap: 'member.read', title: 'menu.dues' } },
      { path: 'cards/verify', name: 'card-verify', component: () => import('./views/CardVerifyView.vue'), meta: { cap: 'member.read', title: 'menu.cardVerify' } },
      { path: 'system/users', name: 'users', component: () => import('./views/UsersView.vue'), meta: { cap: 'user.read', title: 'menu.users' } },
      { path: 'system/audit', name: 'audit', component: () => import('./views/AuditView.vue'), meta: { cap: 'audit.read', title: 'menu.audit' } },
      ...consoleRoutes,
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'notFound.title' } }
    ]
  }
]

const ORDER = ['dashboard', 'org-tree', 'employers', 'members', 'join-inbox', 'users', 'audit']

function firstAllowed() {
  const session = useSession()
  if (session.isMember) return { name: 'm-card' }
  const console = routes.find((r) => r.path === '/')
  for (const name of ORDER) {
    const r = console.children.find((c) => c.name === name)
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
  // workers' accounts live on the member pages, staff accounts in the console
  const memberPage = to.matched.some((r) => r.meta.member)
  if (session.isMember && !memberPage) return { name: 'm-card' }
  if (!session.isMember && memberPage) return firstAllowed()
  if (to.meta.cap && !session.can(to.meta.cap)) return firstAllowed()
  return true
})
