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

// A file from the API (GET), saved under `filename` (or the server's Content-Disposition name).
// Errors come back as ApiError like every other call.
export async function download(path, params, filename) {
  let res
  try {
    res = await fetch(`/api${path}${buildQuery(params)}`, {
      headers: { 'Accept-Language': language === 'en' ? 'en' : 'zh-CN' },
      credentials: 'same-origin'
    })
  } catch (e) {
    throw new ApiError(0, 'network', null, null)
  }
  if (!res.ok) {
    let data = null
    try {
      data = JSON.parse(await res.text())
    } catch (e) {
      data = null
    }
    const err = data && data.error ? data.error : {}
    const e = new ApiError(res.status, err.code, err.field, err.message, data)
    if (res.status === 401 && onUnauthenticated) onUnauthenticated(e)
    throw e
  }
  const blob = await res.blob()
  const cd = res.headers.get('Content-Disposition') || ''
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="?([^";]+)"?/i.exec(cd)
  let name = filename
  if (m) {
    try {
      name = decodeURIComponent(m[1])
    } catch (e) {
      name = m[1]
    }
  }
  saveBlob(blob, name || 'download')
}

export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

// Sends a file as the raw body (imports): the name travels percent-encoded in X-File-Name
// (header values cannot hold Chinese characters).
export async function uploadFile(path, params, file) {
  const headers = {
    Accept: 'application/json',
    'Accept-Language': language === 'en' ? 'en' : 'zh-CN',
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name)
  }
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res
  try {
    res = await fetch(`/api${path}${buildQuery(params)}`, { method: 'POST', headers, credentials: 'same-origin', body: file })
  } catch (e) {
    throw new ApiError(0, 'network', null, null)
  }
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch (e) {
    data = null
  }
  if (!res.ok) {
    const err = data && data.error ? data.error : {}
    const e = new ApiError(res.status, err.code, err.field, err.message, data)
    if (res.status === 401 && onUnauthenticated) onUnauthenticated(e)
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
  auditVerify: () => request('GET', '/audit/verify'),

  // workers' accounts (public)
  register: (body) => request('POST', '/register', { body, noAuthRedirect: true }),
  activate: (body) => request('POST', '/activate', { body, noAuthRedirect: true }),

  // the directory of unions (any account, 30 searches a minute)
  directory: (params) => request('GET', '/directory/unions', { params }),

  // members (the roster); ID numbers only ever in a body, never in a URL
  members: (params) => request('GET', '/members', { params }),
  member: (id, reveal = false) => request('GET', `/members/${id}`, { params: reveal ? { reveal: 1 } : undefined }),
  createMember: (body) => request('POST', '/members', { body }),
  lookupMember: (idNumber, reveal = false) => request('POST', '/members/lookup', { body: reveal ? { id_number: idNumber, reveal: true } : { id_number: idNumber } }),
  setMemberStatus: (id, body) => request('POST', `/members/${id}/status`, { body }),
  issueActivation: (id) => request('POST', `/members/${id}/activation`),
  memberDues: (id, params) => request('GET', `/members/${id}/dues`, { params }),
  exportRoster: (orgId, params, filename) => download(`/orgs/${orgId}/roster.xlsx`, params, filename),

  // roster imports
  startImport: (orgId, file) => uploadFile('/imports', { org: orgId }, file),
  importJob: (id) => request('GET', `/imports/${id}`),
  importReport: (id, filename) => download(`/imports/${id}/report.xlsx`, null, filename),

  // cases (join applications, transfers)
  cases: (params) => request('GET', '/cases', { params }),
  case: (id) => request('GET', `/cases/${id}`),
  createCase: (body) => request('POST', '/cases', { body }),
  caseAction: (id, action, reason) => request('POST', `/cases/${id}/actions`, { body: reason ? { action, reason } : { action } }),

  // dues
  recordDues: (body) => request('POST', '/dues', { body }),
  duesMonth: (params) => request('GET', '/dues', { params }),
  duesUnpaid: (params) => request('GET', '/dues/unpaid', { params }),

  // member cards
  verifyCard: (token) => request('GET', '/cards/verify', { params: { token } }),

  // a member's own pages
  myMembership: () => request('GET', '/my/membership'),
  myCard: () => request('GET', '/my/card')
}

export default api
