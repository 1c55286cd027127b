// The one way the web UI talks to the server: the public JSON API under /api.
// - cookies travel with every call (the session cookie is HttpOnly, SameSite=Strict);
// - POST/PUT/PATCH/DELETE carry X-CSRF-Token (from the login or /api/me answer);
// - Accept-Language follows the UI language, so server errors come back in it;
// - {"error":{code,field,message}} becomes an ApiError carrying status, code, field and message;
// - 401 sends the user to the login page (through the handler the app registers).

export class ApiError extends Error {
  constructor(status, code, field, message, body) {
    super(message || code || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code || null
    this.field = field || null
    this.body = body || null
  }
}

let csrfToken = null
let language = 'zh-CN'
let onUnauthenticated = null

export function setCsrfToken(token) {
  csrfToken = token || null
}

export function setApiLanguage(lang) {
  language = lang
}

export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn
}

function buildQuery(params) {
  if (!params) return ''
  const qs = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    qs.set(k, String(v))
  }
  const s = qs.toString()
  return s ? `?${s}` : ''
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export async function request(method, path, { body, params, noAuthRedirect = false } = {}) {
  const headers = {
    Accept: 'application/json',
    'Accept-Language': language === 'en' ? 'en' : 'zh-CN'
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let res
  try {
    res = await fetch(`/api${path}${buildQuery(params)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body !== undefined ? JSON.stringify(body) : undefined
    })
  } catch (e) {
    throw new ApiError(0, 'network', null, null)
  }

  let data = null
  const text = await res.text()
  if (text) {
    try {
      data = JSON.parse(text)
    } catch (e) {
      data = null
    }
  }

  if (!res.ok) {
    const err = data && data.error ? data.error : {}
    const e = new ApiError(res.status, err.code, err.field, err.message, data)
    if (res.status === 401 && !noAuthRedirect && onUnauthenticated) onUnauthenticated(e)
    throw e
  }
  return data
}

export const api = {
  get: (path, params, opts = {}) => request('GET', path, { ...opts, params }),
  post: (path, body, opts = {}) => request('POST', path, { ...opts, body }),
  patch: (path, body, opts = {}) => request('PATCH', path, { ...opts, body }),
  put: (path, body, opts = {}) => request('PUT', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),

  // session
  login: (username, password) =>
    request('POST', '/session', { body: { username, password }, noAuthRedirect: true }),
  logout: () => request('DELETE', '/session', { noAuthRedirect: true }),
  me: () => request('GET', '/me', { noAuthRedirect: true }),

  // organisations
  org: (id) => request('GET', `/orgs/${id}`),
  orgChildren: (id, offset = 0, limit = 20) =>
    request('GET', `/orgs/${id}/children`, { params: { offset, limit } }),
  orgPath: (id) => request('GET', `/orgs/${id}/path`),
  orgStats: (id) => request('GET', `/orgs/${id}/stats`),
  searchOrgs: (params) => request('GET', '/orgs', { params }),
  createOrg: (body) => request('POST', '/orgs', { body }),
  updateOrg: (id, body) => request('PATCH', `/orgs/${id}`, { body }),

  // employers
  employers: (params) => request('GET', '/employers', { params }),
  createEmployer: (body) => request('POST', '/employers', { body }),

  // users and roles
  users: (params) => request('GET', '/users', { params }),
  createUser: (body) => request('POST', '/users', { body }),
  updateUser: (id, body) => request('PATCH', `/users/${id}`, { body }),
  roles: () => request('GET', '/roles'),

  // audit
  audit: (params) => request('GET', '/audit', { params }),
  auditVerify: () => request('GET', '/audit/verify')
}

export default api
