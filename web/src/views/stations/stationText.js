// Shared by the station pages: opening hours and distances in the UI language, amenity icons,
// and the Web Mercator maths of the hand-made map (no map library: tiles are <img> elements).
import { Coffee, HotWater, House, Lightning, MoreFilled, Notebook, Sunny, Connection, FirstAidKit, Opportunity } from '@element-plus/icons-vue'

export const AMENITY_ICONS = {
  water: HotWater,
  rest: House,
  charging: Lightning,
  toilet: Opportunity,
  microwave: Coffee,
  heating_cooling: Sunny,
  first_aid: FirstAidKit,
  wifi: Connection,
  reading: Notebook,
  other: MoreFilled
}

export const AMENITIES = Object.keys(AMENITY_ICONS)

const DAY = /\b(mon|tue|wed|thu|fri|sat|sun|daily)\b/g

// "mon-fri 08:00-20:00; sat,sun 09:00-17:00" → "周一至周五 08:00-20:00；周六、周日 09:00-17:00"
export function formatHours(text, t, zh) {
  if (!text) return ''
  if (text === '24h') return t('stations.days.allDay')
  return text
    .split(';')
    .map((rule) => {
      const r = rule.trim()
      const sp = r.indexOf(' ')
      if (sp < 0) return r
      const days = r
        .slice(0, sp)
        .replace(/(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun)/g, (_m, a, b) => `${a}~${b}`)
        .replace(DAY, (d) => t('stations.days.' + d))
        .replace(/~/g, zh ? t('stations.days.to') : '\u2013')
        .replace(/,/g, zh ? '、' : ', ')
      const times = r
        .slice(sp + 1)
        .replace(/24h/g, t('stations.days.allDay'))
        .replace(/,/g, zh ? '，' : ', ')
      return `${days} ${times}`
    })
    .join(zh ? '；' : '; ')
}

export function formatDistance(m, t) {
  if (m < 1000) return t('stations.distanceM', { n: m })
  return t('stations.distanceKm', { n: (m / 1000).toFixed(m < 10000 ? 1 : 0) })
}

// Web Mercator: the world at zoom z is 256·2^z pixels square.
export function project(lat, lng, z) {
  const n = 256 * Math.pow(2, z)
  const s = Math.sin((Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180)
  return { x: ((lng + 180) / 360) * n, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n }
}

// The largest zoom (3..17) at which every point fits in width × height with a margin.
export function fitZoom(points, width, height) {
  for (let z = 17; z > 3; z--) {
    const ps = points.map((p) => project(p.lat, p.lng, z))
    const xs = ps.map((p) => p.x)
    const ys = ps.map((p) => p.y)
    if (Math.max(...xs) - Math.min(...xs) <= width - 48 && Math.max(...ys) - Math.min(...ys) <= height - 48) return z
  }
  return 3
}

export function tileUrl(template, z, x, y) {
  const n = Math.pow(2, z)
  const wx = ((x % n) + n) % n
  return template.replace('{z}', String(z)).replace('{x}', String(wx)).replace('{y}', String(y))
}
