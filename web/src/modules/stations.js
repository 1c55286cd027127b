// Outdoor-worker service stations (户外劳动者服务站点): the console's list and editor (服务职工 menu)
// and the members' finder (附近服务站点, nearest first, with a map where the server names a tile server).
import { LocationFilled, MapLocation } from '@element-plus/icons-vue'

export const consoleRoutes = [
  { path: 'stations', name: 'stations', component: () => import('../views/stations/StationsView.vue'), meta: { cap: 'org.read', title: 'stations.menu' } }
]

export const memberRoutes = [
  { path: 'stations', name: 'm-stations', component: () => import('../views/stations/StationFinderView.vue'), meta: { title: 'stations.finder' } }
]

export const menu = [{ group: 'services', index: '/stations', cap: 'org.read', title: 'stations.menu', test: 'menu-stations', icon: MapLocation, order: 40 }]

export const memberNav = [{ name: 'm-stations', title: 'stations.finder', icon: LocationFilled, order: 40 }]
