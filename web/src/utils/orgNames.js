import { reactive } from 'vue'
import { api } from '../api.js'

// Names of organisations by id, each fetched once (GET /api/orgs/{id}) and kept for the account
// that asked: `names[id]` is the name, null when the organisation is outside the account's
// scope or gone (404/403), and absent while unknown. Other failures (network) are not kept.
const names = reactive({})
const pending = new Set()
let owner = null
const WIDTH = 4 // requests in flight at most
const queue = []
let active = 0

function pump() {
  while (active < WIDTH && queue.length) {
    const { id, who } = queue.shift()
    active++
    api
      .org(id)
      .then((o) => {
        if (who === owner) names[id] = o.name
      })
      .catch((e) => {
        if (who === owner && (e.status === 404 || e.status === 403)) names[id] = null
      })
      .finally(() => {
        pending.delete(`${who}:${id}`)
        active--
        pump()
      })
  }
}

// Asks for the names of `ids` (numbers or strings) on behalf of account `userId`.
export function resolveOrgNames(ids, userId) {
  if (userId !== owner) {
    for (const k of Object.keys(names)) delete names[k]
    queue.length = 0
    owner = userId
  }
  for (const raw of ids) {
    if (raw === null || raw === undefined || raw === '') continue
    const id = String(raw)
    if (id in names || pending.has(`${owner}:${id}`)) continue
    pending.add(`${owner}:${id}`)
    queue.push({ id, who: owner })
  }
  pump()
}

// The name of organisation `id`: a string, null (outside the scope or gone) or undefined (not known yet).
export function orgName(id) {
  return names[String(id)]
}
