// Feature modules (维权 and services): each file in this folder beside index.js exports
//   consoleRoutes  routes under the staff console (children of '/')
//   memberRoutes   routes under the member pages (children of '/m')
//   menu           console menu entries: { group: 'rights' | 'services', index: '/path', cap, title, test, icon, order }
//   memberNav      entries of the member pages' services hub: { name, title, icon, order }
// and its strings live in ../locales/modules/<same name>.js. Adding a module is adding its files.
const found = import.meta.glob('./*.js', { eager: true })

export const modules = Object.entries(found)
  .filter(([file]) => file !== './index.js')
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, m]) => m)

const all = (key) => modules.flatMap((m) => m[key] || [])

export const consoleRoutes = all('consoleRoutes')
export const memberRoutes = all('memberRoutes')
export const menu = all('menu').sort((a, b) => (a.order || 0) - (b.order || 0))
export const memberNav = all('memberNav').sort((a, b) => (a.order || 0) - (b.order || 0))
