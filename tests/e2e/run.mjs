#!/usr/bin/env node
// Browser tests of the web UI: a real gonghui server on a copy of a national store, driven
// through Debian's Chromium by playwright-core (from web/node_modules).
//
//   GH_BIN=build/gonghui GH_TEMPLATE_DB=build/test-national.db GH_TEMPLATE_ADMIN_PASSWORD=... \
//     node tests/e2e/run.mjs
//
// GH_TEMPLATE_DB is a store made by `gonghui init`, with its key folder `keys/` beside it.
// Prints one line per test and closes with `e2e: N passed, M failed`; exits 1 if any failed.
// Screenshots go to tests/e2e/out/ (git-ignored).

import { spawn, execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '..', '..')
const outDir = path.join(here, 'out')
const require = createRequire(path.join(repo, 'web', 'package.json'))

const CHROMIUM = process.env.GH_CHROMIUM || '/usr/bin/chromium'
const TIMEOUT = Number(process.env.GH_E2E_TIMEOUT_MS || 20000)

function die(msg) {
  console.error(`e2e: ${msg}`)
  console.log('e2e: 0 passed, 1 failed')
  process.exit(1)
}

const GH_BIN = process.env.GH_BIN ? path.resolve(process.env.GH_BIN) : null
const GH_TEMPLATE_DB = process.env.GH_TEMPLATE_DB ? path.resolve(process.env.GH_TEMPLATE_DB) : null
const ADMIN_PASSWORD = process.env.GH_TEMPLATE_ADMIN_PASSWORD
if (!GH_BIN || !fs.existsSync(GH_BIN)) die('set GH_BIN to the gonghui binary')
if (!GH_TEMPLATE_DB || !fs.existsSync(GH_TEMPLATE_DB)) die('set GH_TEMPLATE_DB to a national store made by `gonghui init`')
if (!ADMIN_PASSWORD) die("set GH_TEMPLATE_ADMIN_PASSWORD to the template store's admin password")
if (!fs.existsSync(path.join(repo, 'web', 'dist', 'index.html'))) die('web/dist is missing: run `npm ci && npm run build` in web/')

let chromium
try {
  ;({ chromium } = require('playwright-core'))
} catch (e) {
  die('playwright-core is missing: run `npm ci` in web/')
}

// ---------------------------------------------------------------- credit codes (GB 32100)

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
function usccCheck(first17) {
  let sum = 0
  let w = 1
  for (let i = 0; i < 17; i++) {
    sum += USCC.indexOf(first17[i]) * w
    w = (w * 3) % 31
  }
  return USCC[(31 - (sum % 31)) % 31]
}
function orgCodeCheck(first8) {
  const W = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = first8[i]
    sum += (c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55) * W[i]
  }
  const r = 11 - (sum % 11)
  return r === 10 ? 'X' : r === 11 ? '0' : String(r)
}
// A valid code of an enterprise registered in 赣榆区 (91 + 320707), whose embedded
// organisation code passes GB 11714 too.
function makeCreditCode() {
  const body = 'MA' + Array.from({ length: 6 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(Math.random() * 31)]).join('')
  const first17 = '91320707' + body + orgCodeCheck(body)
  return first17 + usccCheck(first17)
}
function breakCreditCode(code) {
  const last = code[17]
  const other = USCC[(USCC.indexOf(last) + 7) % 31]
  return code.slice(0, 17) + other
}

// ---------------------------------------------------------------- server

function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { cwd: repo, timeout: 60000, ...opts }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')} failed: ${stderr || err.message}`))
      else resolve({ stdout, stderr })
    })
  })
}

async function startServer(dbPath) {
  const child = spawn(GH_BIN, ['serve', '--db', dbPath, '--port', '0', '--test-clock'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr += d
    if (stderr.length > 20000) stderr = stderr.slice(-20000)
  })
  const rl = readline.createInterface({ input: child.stdout })
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${stderr}`)), 30000)
    rl.once('line', (line) => {
      clearTimeout(timer)
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\s*$/.exec(line)
      if (m) resolve(m[1])
      else reject(new Error(`unexpected first line from the server: ${JSON.stringify(line)}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${stderr}`))
    })
  })
  rl.on('line', () => {}) // keep draining stdout
  const srv = { child, url, stderrText: () => stderr, died: null }
  child.once('exit', (code, signal) => {
    srv.died = { code, signal }
  })
  return srv
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
    }, 5000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

// a tiny API client with its own cookie, for finding ids
async function apiLogin(base, username, password) {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password })
  })
  if (res.status !== 200) throw new Error(`POST /api/session as ${username}: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0]
  const body = await res.json()
  return {
    user: body.user,
    async get(p) {
      const r = await fetch(`${base}/api${p}`, { headers: { Cookie: cookie, Accept: 'application/json' } })
      const text = await r.text()
      if (r.status !== 200) throw new Error(`GET /api${p}: ${r.status} ${text}`)
      return JSON.parse(text)
    },
    async post(p, data) {
      const r = await fetch(`${base}/api${p}`, {
        method: 'POST',
        headers: { Cookie: cookie, Accept: 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': body.csrf_token },
        body: JSON.stringify(data)
      })
      const text = await r.text()
      if (r.status !== 201 && r.status !== 200) throw new Error(`POST /api${p}: ${r.status} ${text}`)
      return JSON.parse(text)
    }
  }
}

async function findOrg(api, params, pred, what) {
  const qs = new URLSearchParams({ ...params, limit: '200' }).toString()
  const r = await api.get(`/orgs?${qs}`)
  const o = (r.items || []).find(pred)
  if (!o) throw new Error(`cannot find ${what} through GET /api/orgs?${qs} (got ${(r.items || []).map((x) => x.name).join(', ')})`)
  return o
}

// ---------------------------------------------------------------- browser helpers


async function newPage(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(TIMEOUT)
  const page = await context.newPage()
  page.base = base
  const errors = []
  page.on('pageerror', (e) => errors.push(String(e)))
  page.jsErrors = errors
  return { context, page }
}

// Logs in through the login form the first time for each account, and keeps that session's
// cookie: later tests get the cookie instead (no page is loaded then; the test goes on with its
// own page.goto). `{ form: true }` always goes through the form.
const sessionCookies = new Map()
async function login(page, username, password, { form = false } = {}) {
  const saved = sessionCookies.get(username)
  if (saved && !form) {
    await page.context().addCookies(saved)
    return
  }
  await page.goto(`${page.base}/login`)
  await page.locator('[data-test=login-username]').fill(username)
  await page.locator('[data-test=login-password]').fill(password)
  await page.locator('[data-test=login-submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  sessionCookies.set(username, await page.context().cookies())
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0)) // a full-page shot of a scrolled page misplaces the sticky top bar
  await page.waitForTimeout(300) // let transitions settle
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: true })
}

function treeNode(page, name) {
  return page.locator('.org-tree .el-tree-node__content', { has: page.locator('.node-name', { hasText: name }) }).first()
}

async function expandTreeNode(page, name) {
  const row = treeNode(page, name)
  await row.waitFor()
  const icon = row.locator('.el-tree-node__expand-icon')
  const cls = (await icon.getAttribute('class')) || ''
  if (!cls.includes('expanded')) await icon.click()
}

// the names of the children shown under the tree node named `name`
async function childNames(page, name) {
  const node = page.locator('.org-tree .el-tree-node', { has: page.locator(':scope > .el-tree-node__content .node-name', { hasText: name }) }).first()
  const kids = node.locator(':scope > .el-tree-node__children > .el-tree-node > .el-tree-node__content .node-name')
  await kids.first().waitFor()
  return kids.allTextContents()
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg)
}

// the JSON body of the next `method` request to /api`apiPath`, once `action` has run
async function requestBody(page, method, apiPath, action) {
  const req = page.waitForRequest((r) => r.method() === method && new URL(r.url()).pathname === `/api${apiPath}`)
  await action()
  return JSON.parse((await req).postData() || 'null')
}

// an option of the open select dropdown (Element Plus teleports them; only the open one is visible)
function dropdownItem(page, text) {
  return page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
}

// The texts of the page's own words (labels, headers, buttons, menus, placeholders, tags...)
// that hold Chinese characters. Data (organisation and employer names) is left out by picking
// the elements that only ever show words of the UI.
const UI_WORDS = [
  '.el-form-item__label', '.el-table th .cell', '.el-button', '.el-radio-button__inner', '.el-divider__text',
  '.el-descriptions__label', '.el-menu-item', '.el-sub-menu__title', '.el-pagination', '.el-dialog__title',
  '.el-alert__title', '.el-tag', '.stat-card .label', '.stat-card .hint', '.el-card__header', '.el-result__title',
  '.el-result__subtitle', '.el-table__empty-text', '.field-note', '.row-title', '.joint-total', '.el-select__placeholder.is-transparent',
  '.el-form-item__error', '.login-card h2', '.login-brand', '.login-page .footer', '.page-head .muted', '.results-title',
  '.el-checkbox__label', '.el-dropdown-menu__item', '.more-node', '.dup-hint', '.el-empty__description'
]
async function chineseInUi(page, dataNames = []) {
  return page.evaluate(([sels, names]) => {
    const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/
    const bad = new Set()
    const strip = (text) => names.reduce((t, n) => t.split(n).join(''), text)
    const seen = (el) => el.offsetParent !== null || el.getClientRects().length > 0
    for (const el of document.querySelectorAll(sels.join(','))) {
      if (el.closest('[data-test=lang-switch], [data-lang], .login-page .lang') || !seen(el)) continue
      const text = (el.innerText || '').trim()
      if (cjk.test(strip(text))) bad.add(`${el.className.split(' ')[0]}: ${text.slice(0, 60)}`)
    }
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (seen(el) && cjk.test(el.placeholder)) bad.add(`placeholder: ${el.placeholder}`)
    }
    return [...bad]
  }, [UI_WORDS, dataNames])
}

// ---------------------------------------------------------------- main

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gonghui-e2e-'))
let server = null
let browser = null
const results = []

async function cleanup() {
  try {
    if (browser) await browser.close()
  } catch (e) {
    /* ignore */
  }
  await stopServer(server && server.child)
  fs.rmSync(tmp, { recursive: true, force: true })
}

process.on('SIGINT', async () => {
  await cleanup()
  process.exit(130)
})

async function main() {
  fs.mkdirSync(outDir, { recursive: true })
  for (const f of fs.readdirSync(outDir)) if (f.startsWith('FAILED-')) fs.rmSync(path.join(outDir, f))

  // a fresh copy of the template store and its keys
  const dbPath = path.join(tmp, path.basename(GH_TEMPLATE_DB))
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(GH_TEMPLATE_DB + suffix)) fs.copyFileSync(GH_TEMPLATE_DB + suffix, dbPath + suffix)
  }
  const keysSrc = path.join(path.dirname(GH_TEMPLATE_DB), 'keys')
  if (fs.existsSync(keysSrc)) {
    fs.cpSync(keysSrc, path.join(tmp, 'keys'), { recursive: true })
    fs.chmodSync(path.join(tmp, 'keys'), 0o700)
  }

  server = await startServer(dbPath)
  const base = server.url

  // find the organisations the tests need, as the administrator
  const admin = await apiLogin(base, 'admin', ADMIN_PASSWORD)
  const ganyu = await findOrg(admin, { division: '320707' }, (o) => o.name === '赣榆区总工会', '赣榆区总工会 (320707)')
  const jiangsu = await findOrg(admin, { division: '32' }, (o) => o.name === '江苏省总工会', '江苏省总工会 (32)')
  const qingkou = await findOrg(admin, { q: '青口镇' }, (o) => o.name === '青口镇总工会', '青口镇总工会')

  // a county federation account, made through the command line
  const county = { username: 'ganyu_staff', password: 'e2e-Ganyu-county-2026!' }
  await run(GH_BIN, ['user', 'add', '--db', dbPath, '--org', String(ganyu.id), '--role', 'federation_staff', '--username', county.username, '--password', county.password, '--name', '赣榆测试员'])
    .catch(() => run(GH_BIN, ['user', 'add', '--db', dbPath, '--org', String(ganyu.id), '--role', 'federation_staff', '--username', county.username, '--password', county.password]))

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })

  const created = { name: null, code: null, id: null }
  const joint = { name: null, id: null }

  const tests = [
    ['wrong password shows the generic error', async (page) => {
      await page.goto(`${base}/login`)
      await page.locator('[data-test=login-username]').fill(county.username)
      await page.locator('[data-test=login-password]').fill('not-the-password-at-all')
      await page.locator('[data-test=login-submit]').click()
      await page.locator('[data-test=login-error]', { hasText: '用户名或密码错误' }).waitFor()
      assert(page.url().includes('/login'), 'stayed on the login page')
      await shot(page, '01-login-failed')
    }],

    ['county account sees its tree in Chinese', async (page) => {
      await login(page, county.username, county.password, { form: true })
      await page.locator('[data-test=stat-cards]').waitFor()
      await page.locator('[data-stat=members]', { hasText: '会员总数' }).waitFor()
      await page.locator('[data-test=focus]', { hasText: '赣榆区总工会' }).waitFor()
      await page.locator('[data-test=coverage-card][data-loaded=true] [data-test=coverage-chart] canvas').waitFor()
      await shot(page, '02-county-dashboard')

      await page.locator('.side-menu .el-menu-item', { hasText: '组织树' }).click()
      await page.waitForURL(/\/orgs$/)
      const first = page.locator('.org-tree > .el-tree-node > .el-tree-node__content .node-name').first()
      await first.waitFor()
      assert((await first.textContent()).trim() === '赣榆区总工会', `root is ${await first.textContent()}`)
      await expandTreeNode(page, '赣榆区总工会')
      const towns = await childNames(page, '赣榆区总工会')
      assert(towns.includes('青口镇总工会'), `towns: ${towns.join(', ')}`)
      const kindTag = await page.locator('.org-tree .el-tree-node__content', { hasText: '青口镇总工会' }).first().locator('.el-tag').textContent()
      assert(/乡镇/.test(kindTag), `kind tag of 青口镇总工会 is ${kindTag}`)
      await shot(page, '03-county-tree')
    }],

    ['admin sees the national root and 31 provincial federations', async (page) => {
      await login(page, 'admin', ADMIN_PASSWORD)
      await page.goto(`${base}/orgs`)
      const first = page.locator('.org-tree > .el-tree-node > .el-tree-node__content .node-name').first()
      await first.waitFor()
      assert((await first.textContent()).trim() === '中华全国总工会', `root is ${await first.textContent()}`)
      await expandTreeNode(page, '中华全国总工会')
      const provs = await childNames(page, '中华全国总工会')
      assert(provs.includes('江苏省总工会'), `provinces: ${provs.join(', ')}`)
      assert(provs.length === 31, `${provs.length} children under the root: ${provs.join(', ')}`)
      await shot(page, '04-admin-tree')
    }],

    ['create a grassroots union: a bad credit code is caught, then a good one goes through', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/${qingkou.id}`)
      await page.locator('[data-test=org-name]', { hasText: '青口镇总工会' }).waitFor()
      // the breadcrumb (GET /api/orgs/{id}/path) runs from the account's own federation down
      const crumbs = page.locator('[data-test=focus] .crumb')
      await crumbs.filter({ hasText: '青口镇总工会' }).waitFor()
      const chain = (await crumbs.allTextContents()).map((x) => x.trim())
      assert(chain.join(' / ') === '赣榆区总工会 / 青口镇总工会', `breadcrumb: ${chain.join(' / ')}`)
      await page.locator('[data-test=org-create-union]').click()
      await page.waitForURL(/\/orgs\/new/)
      await page.locator('[data-test=form-parent]', { hasText: '青口镇总工会' }).waitFor()

      const code = makeCreditCode()
      const stamp = Date.now().toString(36).slice(-5).toUpperCase()
      const name = `连云港青口测试科技有限公司${stamp}工会委员会`
      const employer = `连云港青口测试科技有限公司${stamp}`
      await page.locator('[data-test=f-name]').fill(name)
      await page.locator('[data-test=f-employer-name]').fill(employer)
      await page.locator('[data-test=f-credit-code]').fill(breakCreditCode(code))
      await page.locator('.el-form-item', { has: page.locator('[data-test=f-headcount]') }).locator('input').fill('86')
      await page.locator('[data-test=f-chair]').fill('王建国')
      await page.locator('[data-test=f-phone]').fill('13912345678')
      await page.locator('[data-test=f-submit]').click()

      const creditItem = page.locator('.el-form-item', { has: page.locator('[data-test=f-credit-code]') })
      await creditItem.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
      assert(page.url().includes('/orgs/new'), 'stayed on the form')
      assert((await page.locator('[data-test=f-name]').inputValue()) === name, 'the name was kept')
      assert((await page.locator('[data-test=f-employer-name]').inputValue()) === employer, 'the employer name was kept')
      assert((await page.locator('[data-test=f-chair]').inputValue()) === '王建国', 'the chair was kept')
      await shot(page, '05-form-bad-credit-code')

      await page.locator('[data-test=f-credit-code]').fill(code)
      await creditItem.locator('.el-form-item__error').waitFor({ state: 'detached' })
      await page.locator('[data-test=f-submit]').click()
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-name]', { hasText: name }).waitFor()
      await page.locator('[data-test=org-facts]', { hasText: code }).waitFor()
      await page.locator('[data-test=org-facts]', { hasText: '企业工会' }).waitFor()
      created.name = name
      created.code = code
      created.id = new URL(page.url()).pathname.split('/').pop()
      await shot(page, '06-created-union')

      await page.goto(`${base}/orgs`)
      await expandTreeNode(page, '赣榆区总工会')
      await expandTreeNode(page, '青口镇总工会')
      const row = treeNode(page, name)
      for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
        const more = page.locator('.org-tree [data-test=tree-more]').first()
        if (!(await more.isVisible())) break
        await more.click()
        await page.waitForTimeout(300)
      }
      await row.waitFor()
      await row.scrollIntoViewIfNeeded()
      await shot(page, '07-created-union-in-tree')
    }],

    ['a server error shows next to the field named in error.field', async (page) => {
      assert(created.code, 'needs the union created by the test before')
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/new?parent=${qingkou.id}`)
      await page.locator('[data-test=form-parent]', { hasText: '青口镇总工会' }).waitFor()
      const name = `${created.name}（重复）`
      await page.locator('[data-test=f-name]').fill(name)
      await page.locator('[data-test=f-employer-name]').fill('重复的单位')
      await page.locator('[data-test=f-credit-code]').fill(created.code)
      await page.locator('.el-form-item', { has: page.locator('[data-test=f-headcount]') }).locator('input').fill('10')
      await page.locator('[data-test=f-submit]').click()
      const err = page.locator('.org-form .el-form-item__error').first()
      await err.waitFor()
      const item = page.locator('.el-form-item', { has: page.locator('.el-form-item__error') }).first()
      const label = (await item.locator('.el-form-item__label').textContent()).trim()
      assert(page.url().includes('/orgs/new'), 'stayed on the form')
      assert((await page.locator('[data-test=f-name]').inputValue()) === name, 'the name was kept')
      assert(label === '统一社会信用代码', `the server error shows next to "${label}": ${await err.textContent()}`)
      // that employer has a union already: the hint says so and links it
      const hint = item.locator('[data-test=f-dup-hint]', { hasText: '已建立工会' })
      await hint.waitFor()
      const href = await hint.locator('[data-test=f-dup-union]').getAttribute('href')
      assert(href === `/orgs/${created.id}`, `the hint links ${href}`)
      await shot(page, '08-form-server-error')
    }],

    ['edit the new union: the chair changes and the other facts stay', async (page) => {
      assert(created.id, 'needs the union created before')
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/${created.id}`)
      await page.locator('[data-test=org-name]', { hasText: created.name }).waitFor()
      await page.locator('[data-test=org-edit]').click()
      await page.waitForURL(/\/edit$/)
      const chair = page.locator('[data-test=f-chair]')
      await page.waitForFunction(() => document.querySelector('[data-test=f-name]')?.value)
      assert((await chair.inputValue()) === '王建国', `the chair field holds ${await chair.inputValue()}`)
      await chair.fill('李明')
      await page.locator('[data-test=f-submit]').click()
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-facts]', { hasText: '李明' }).waitFor()
      await page.locator('[data-test=org-facts]', { hasText: created.code }).waitFor()
      await shot(page, '09-edited-union')
    }],

    ['link a registered employer: picked from the list, or offered after a duplicate credit code', async (page) => {
      const county_api = await apiLogin(base, county.username, county.password)
      const stamp = Date.now().toString(36).slice(-5).toUpperCase()
      const a = await county_api.post('/employers', { org_id: ganyu.id, name: `连云港赣榆待建会甲有限公司${stamp}`, credit_code: makeCreditCode(), headcount: 37 })
      const b = await county_api.post('/employers', { org_id: ganyu.id, name: `连云港赣榆待建会乙有限公司${stamp}`, credit_code: makeCreditCode(), headcount: 12 })
      await login(page, county.username, county.password)
      const headcountInput = page.locator('.el-form-item', { has: page.locator('[data-test=f-headcount]') }).locator('input')

      // 1. pick the employer from the list: the body names it by id, and no headcount
      await page.goto(`${base}/orgs/new?parent=${ganyu.id}`)
      await page.locator('[data-test=form-parent]', { hasText: '赣榆区总工会' }).waitFor()
      await page.locator('[data-test=f-name]').fill(`${a.name}工会委员会`)
      await page.locator('.el-radio-button', { hasText: '选择已登记的用人单位' }).click()
      await page.locator('[data-test=f-headcount-note]').waitFor()
      await page.locator('[data-test=f-employer-pick]').click()
      await page.locator('[data-test=f-employer-pick] input').fill(`待建会甲有限公司${stamp}`)
      await dropdownItem(page, a.name).click()
      await page.locator('[data-test=f-picked-info]', { hasText: a.credit_code }).waitFor()
      await shot(page, '21-form-link-employer')
      const body = await requestBody(page, 'POST', '/orgs', () => page.locator('[data-test=f-submit]').click())
      assert(JSON.stringify(body.employer) === JSON.stringify({ id: a.id }), `employer sent: ${JSON.stringify(body.employer)}`)
      // left empty, the headcount is the employer's registered one (sent by the UI, since the
      // server refuses {"id": N} without one)
      assert(!('headcount' in body) || body.headcount === 37, `headcount sent: ${body.headcount}`)
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-facts]', { hasText: a.credit_code }).waitFor()
      const facts = await page.locator('[data-test=org-facts]').textContent()
      assert(/职工人数\s*37/.test(facts), `the union took the employer's headcount: ${facts}`)

      // 2. type the code of a registered employer: the 409 offers to link it instead
      await page.goto(`${base}/orgs/new?parent=${ganyu.id}`)
      await page.locator('[data-test=form-parent]', { hasText: '赣榆区总工会' }).waitFor()
      await page.locator('[data-test=f-name]').fill(`${b.name}工会委员会`)
      await page.locator('[data-test=f-employer-name]').fill(b.name)
      await page.locator('[data-test=f-credit-code]').fill(b.credit_code)
      await headcountInput.fill('15')
      await page.locator('[data-test=f-submit]').click()
      const creditItem = page.locator('.el-form-item', { has: page.locator('[data-test=f-credit-code]') })
      await creditItem.locator('.el-form-item__error', { hasText: '已登记' }).waitFor()
      const link = creditItem.locator('[data-test=f-dup-hint] [data-test=f-link-existing]', { hasText: b.name })
      await link.waitFor()
      await shot(page, '22-form-duplicate-offers-link')
      await link.click()
      await page.locator('.el-radio-button.is-active', { hasText: '选择已登记的用人单位' }).waitFor()
      await page.locator('[data-test=f-picked-info]', { hasText: b.credit_code }).waitFor()
      assert((await page.locator('[data-test=f-name]').inputValue()) === `${b.name}工会委员会`, 'the name was kept')
      const body2 = await requestBody(page, 'POST', '/orgs', () => page.locator('[data-test=f-submit]').click())
      assert(JSON.stringify(body2.employer) === JSON.stringify({ id: b.id }), `employer sent: ${JSON.stringify(body2.employer)}`)
      assert(body2.headcount === 15, `headcount sent: ${body2.headcount}`)
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-facts]', { hasText: b.credit_code }).waitFor()
      assert(/职工人数\s*15/.test(await page.locator('[data-test=org-facts]').textContent()), 'the headcount typed wins')
      await shot(page, '23-linked-union')
    }],

    ['a joint union takes several employers, and its edit sends no headcount', async (page) => {
      const county_api = await apiLogin(base, county.username, county.password)
      const stamp0 = Date.now().toString(36).slice(-5).toUpperCase()
      const c = await county_api.post('/employers', { org_id: qingkou.id, name: `连云港青口待建会丙商行${stamp0}`, credit_code: makeCreditCode(), headcount: 7 })
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/new?parent=${qingkou.id}`)
      await page.locator('[data-test=form-parent]', { hasText: '青口镇总工会' }).waitFor()
      const stamp = Date.now().toString(36).slice(-5).toUpperCase()
      const name = `青口镇测试小微企业联合${stamp}工会委员会`
      await page.locator('[data-test=f-name]').fill(name)
      await page.locator('[data-test=f-kind]').click()
      await dropdownItem(page, '联合基层工会').click()
      await page.locator('[data-test=f-employer-add]').waitFor()
      assert((await page.locator('[data-test=f-headcount]').count()) === 0, 'no headcount field of the union')
      const rows = page.locator('[data-test=f-employer-row]')
      for (let i = 0; i < 3; i++) await page.locator('[data-test=f-employer-add]').click()
      assert((await rows.count()) === 4, `${await rows.count()} rows`)
      const emps = [
        { name: `连云港青口联合测试甲商行${stamp}`, credit_code: makeCreditCode(), headcount: 10 },
        { name: `连云港青口联合测试乙商行${stamp}`, credit_code: makeCreditCode(), headcount: 25 }
      ]
      for (let i = 0; i < 2; i++) {
        await rows.nth(i).locator('[data-test=f-employer-name]').fill(emps[i].name)
        await rows.nth(i).locator('[data-test=f-credit-code]').fill(emps[i].credit_code)
        await rows.nth(i).locator('[data-test=f-employer-headcount] input').fill(String(emps[i].headcount))
      }
      await rows.nth(2).locator('[data-test=f-employer-name]').fill('多余的一行')
      // the fourth links an employer registered under 青口镇 already (it keeps its own headcount)
      await rows.nth(3).locator('.el-radio-button', { hasText: '选择已登记的用人单位' }).click()
      await rows.nth(3).locator('[data-test=f-employer-pick]').click()
      await rows.nth(3).locator('[data-test=f-employer-pick] input').fill(`待建会丙商行${stamp0}`)
      await dropdownItem(page, c.name).click()
      await rows.nth(3).locator('[data-test=f-picked-info]', { hasText: c.credit_code }).waitFor()
      await rows.nth(2).locator('[data-test=f-employer-remove]').click()
      assert((await rows.count()) === 3, `${await rows.count()} rows after removing one`)
      await page.locator('[data-test=f-joint-total]', { hasText: '42' }).waitFor()
      await shot(page, '24-form-joint')
      const body = await requestBody(page, 'POST', '/orgs', () => page.locator('[data-test=f-submit]').click())
      assert(!('headcount' in body) && !('employer' in body), `body: ${JSON.stringify(body)}`)
      const want = [...emps, { id: c.id }]
      assert(JSON.stringify(body.employers) === JSON.stringify(want), `employers sent: ${JSON.stringify(body.employers)}`)
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-name]', { hasText: name }).waitFor()
      for (const e of [...emps, c]) await page.locator('[data-test=org-facts]', { hasText: e.credit_code }).waitFor()
      await page.locator('[data-test=org-total-headcount]', { hasText: '42' }).waitFor()
      joint.name = name
      joint.id = new URL(page.url()).pathname.split('/').pop()
      await shot(page, '25-joint-union')

      await page.locator('[data-test=org-edit]').click()
      await page.waitForURL(/\/edit$/)
      await page.waitForFunction(() => document.querySelector('[data-test=f-name]')?.value)
      await page.locator('[data-test=f-joint-headcount]', { hasText: '42' }).waitFor()
      assert((await page.locator('[data-test=f-headcount]').count()) === 0, 'no headcount field when editing a joint union')
      await page.locator('[data-test=f-chair]').fill('赵联合')
      const patch = await requestBody(page, 'PATCH', `/orgs/${joint.id}`, () => page.locator('[data-test=f-submit]').click())
      assert(!('headcount' in patch), `PATCH body: ${JSON.stringify(patch)}`)
      await page.waitForURL((u) => /^\/orgs\/\d+$/.test(u.pathname))
      await page.locator('[data-test=org-facts]', { hasText: '赵联合' }).waitFor()
      await shot(page, '26-joint-edited')
    }],

    ['English labels after switching the language', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/${qingkou.id}`)
      await page.locator('[data-test=org-name]').waitFor()
      await page.locator('.lang-switch').click()
      await page.locator('.el-dropdown-menu__item', { hasText: 'English' }).click()
      await page.locator('.side-menu', { hasText: 'Union tree' }).waitFor()
      await page.locator('[data-test=org-facts]', { hasText: 'Statistical division code' }).waitFor()
      await page.locator('[data-test=org-facts]', { hasText: 'Town / street federation' }).waitFor()
      await page.locator('[data-stat=members]', { hasText: 'Members' }).waitFor()
      await shot(page, '10-english-org')
      await page.reload()
      await page.locator('.side-menu', { hasText: 'Dashboard' }).waitFor()
      await page.goto(`${base}/orgs`)
      await page.locator('.page-head', { hasText: 'Union tree' }).waitFor()
      await page.locator('.org-tree .el-tag', { hasText: 'County federation' }).first().waitFor()
      await shot(page, '11-english-tree')
    }],

    ['the county account cannot open an organisation outside its scope', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs/${jiangsu.id}`)
      await page.locator('[data-test=org-not-found]', { hasText: '组织不存在或不在您的管辖范围内' }).waitFor()
      assert((await page.locator('[data-test=org-name]').count()) === 0, 'no organisation facts shown')
      await shot(page, '12-out-of-scope')
    }],

    ['the organisation search finds by name and by division code', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/orgs`)
      await page.locator('[data-test=org-search-q]').fill('青口')
      await page.locator('[data-test=org-search-q-btn]').click()
      await page.waitForURL(/q=/)
      await page.locator('[data-test=org-search-results] a', { hasText: '青口镇总工会' }).first().waitFor()
      await page.locator('[data-test=org-search-division]').fill('320707')
      await page.locator('[data-test=org-search-division-btn]').click()
      await page.waitForURL(/division=320707/)
      await page.locator('[data-test=org-search-results] a', { hasText: '赣榆区总工会' }).first().waitFor()
      await shot(page, '13-search-division')
    }],

    ['admin sees users and verifies the audit chain', async (page) => {
      await login(page, 'admin', ADMIN_PASSWORD)
      await page.goto(`${base}/system/users`)
      await page.locator('[data-test=users-table]', { hasText: county.username }).waitFor()
      await shot(page, '14-users')
      await page.goto(`${base}/system/audit`)
      await page.locator('[data-test=audit-table] .el-table__row').first().waitFor()
      await page.locator('[data-test=audit-verify]').click()
      const r = page.locator('[data-test=audit-verify-result]')
      await r.waitFor()
      const text = await r.textContent()
      await shot(page, '15-audit-verify')
      assert(text.includes('审计链完整'), `verify says: ${text}`)
    }],

    ['create an employer without a union; it is listed as not unionised', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/employers`)
      await page.locator('[data-test=employer-create]').click()
      const dlg = page.locator('.el-dialog', { hasText: '新增用人单位' })
      await dlg.waitFor()
      const item = (label) => dlg.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: new RegExp(`^${label}$`) }) })
      const code = makeCreditCode()
      const name = `连云港赣榆未建会测试商贸有限公司${code.slice(10, 14)}`
      await item('单位名称').locator('input').fill(name)
      await item('统一社会信用代码').locator('input').fill(code.slice(0, 17) + 'I')
      await item('职工人数').locator('input').fill('23')
      await dlg.locator('.el-button', { hasText: '保存' }).click()
      await item('统一社会信用代码').locator('.el-form-item__error', { hasText: '非法字符' }).waitFor()
      await item('统一社会信用代码').locator('input').fill(code)
      await item('区划代码').locator('input').fill('320707100')
      await dlg.locator('.el-button', { hasText: '保存' }).click()
      await dlg.waitFor({ state: 'hidden' })
      await page.goto(`${base}/employers?unionised=0&q=${encodeURIComponent(name)}`)
      const row = page.locator('[data-test=employers-table] .el-table__row', { hasText: name })
      await row.waitFor()
      await row.locator('.el-tag', { hasText: '未建会' }).waitFor()
      await shot(page, '20-employer-not-unionised')
    }],

    ['after 10 failed logins the account is throttled and the login page says so', async (page) => {
      const u = 'e2e_throttled'
      await run(GH_BIN, ['user', 'add', '--db', dbPath, '--org', String(qingkou.id), '--role', 'federation_staff', '--username', u, '--password', 'e2e-throttle-pass-2026'])
      for (let i = 0; i < 10; i++) {
        const r = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: u, password: `wrong-password-${i}` }) })
        if (r.status !== 401) throw new Error(`failed login ${i + 1} answered ${r.status}`)
      }
      await page.goto(`${base}/login`)
      await page.locator('[data-test=login-username]').fill(u)
      await page.locator('[data-test=login-password]').fill('e2e-throttle-pass-2026')
      await page.locator('[data-test=login-submit]').click()
      await page.locator('[data-test=login-error]', { hasText: '登录失败次数过多' }).waitFor()
      assert(page.url().includes('/login'), 'stayed on the login page')
      await shot(page, '17-login-throttled')
    }],

    ['admin creates a user through the form, and the new user can log in', async (page) => {
      await login(page, 'admin', ADMIN_PASSWORD)
      await page.goto(`${base}/system/users`)
      await page.locator('[data-test=user-create]').click()
      const dlg = page.locator('.el-dialog', { hasText: '新建用户' })
      await dlg.waitFor()
      const item = (label) => dlg.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: label }) })
      await item('用户名').locator('input').fill('qingkou_staff')
      await item('姓名').locator('input').fill('青口镇干部')
      await item('初始密码').locator('input').fill('short-pw')
      // only staff roles: everything GET /api/roles lists except member
      const roles = (await admin.get('/roles')).items.map((r) => r.role)
      assert(roles.includes('member'), `GET /api/roles: ${roles.join(', ')}`)
      await item('角色').locator('.el-select').click()
      await dropdownItem(page, '上级工会工作人员').waitFor()
      const offered = await page.locator('.el-select-dropdown__item:visible').evaluateAll((els) => els.map((e) => e.dataset.role))
      assert(JSON.stringify(offered) === JSON.stringify(roles.filter((r) => r !== 'member')), `roles offered: ${offered.join(', ')}`)
      await shot(page, '18a-user-form-roles')
      await dropdownItem(page, '上级工会工作人员').click()
      await item('所属组织').locator('input').click()
      await item('所属组织').locator('input').fill('青口镇')
      await page.locator('.el-select-dropdown__item', { hasText: '青口镇总工会' }).first().click()
      await dlg.locator('.el-button', { hasText: '保存' }).click()
      await item('初始密码').locator('.el-form-item__error', { hasText: '12' }).waitFor()
      assert((await item('用户名').locator('input').inputValue()) === 'qingkou_staff', 'the username was kept')
      await shot(page, '18-user-form-short-password')
      await item('初始密码').locator('input').fill('qingkou-staff-pass-2026')
      await dlg.locator('.el-button', { hasText: '保存' }).click()
      await dlg.waitFor({ state: 'hidden' })
      await page.locator('[data-test=users-table] .el-table__row', { hasText: 'qingkou_staff' }).locator('a', { hasText: '青口镇总工会' }).waitFor()
      await shot(page, '19-user-created')
      await page.context().clearCookies()
      await login(page, 'qingkou_staff', 'qingkou-staff-pass-2026')
      await page.locator('[data-test=focus]', { hasText: '青口镇总工会' }).waitFor()
    }],

    ['the audit log names the organisation of each row, once each', async (page) => {
      assert(created.id && joint.id, 'needs the unions created before')
      await login(page, 'admin', ADMIN_PASSWORD)
      // the first union is made to look outside the scope: its GET answers 404
      await page.route(`**/api/orgs/${created.id}`, (route) =>
        route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', field: null, message: '组织不存在' } }) })
      )
      let jointGets = 0
      page.on('request', (r) => {
        if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/orgs/${joint.id}`) jointGets++
      })
      await page.goto(`${base}/system/audit?action=org.create&actor=${county.username}`)
      const table = page.locator('[data-test=audit-table]')
      await table.locator('th', { hasText: '组织' }).waitFor()
      await table.locator('[data-test=audit-org][data-state=named]', { hasText: joint.name }).waitFor()
      const gone = table.locator(`[data-test=audit-org][data-org-id="${created.id}"]`)
      await table.locator(`[data-test=audit-org][data-org-id="${created.id}"][data-state=unknown]`).waitFor()
      assert((await gone.textContent()).trim() === String(created.id), `out of scope shows ${await gone.textContent()}`)
      await shot(page, '27-audit-org-column')
      // all of the account's rows: the names known already are not asked for again
      await page.locator('.el-input input[placeholder*="org.create"]').fill('')
      await page.locator('.toolbar .el-button', { hasText: '搜索' }).click()
      await page.waitForURL((u) => !u.search.includes('action='))
      await table.locator('.el-table__row', { hasText: 'employer.create' }).first().waitFor()
      await table.locator('[data-test=audit-org][data-state=named]', { hasText: '赣榆区总工会' }).first().waitFor()
      await table.locator('.el-table__row', { hasText: 'org.update' }).locator('[data-test=audit-org][data-state=named]', { hasText: joint.name }).first().waitFor()
      assert(jointGets === 1, `GET /api/orgs/${joint.id} asked ${jointGets} times`)
    }],

    ['every page reads in English: no Chinese in the words of the UI', async (page) => {
      assert(created.id && joint.id, 'needs the unions created before')
      await page.context().addInitScript(() => localStorage.setItem('gonghui.lang', 'en'))
      const problems = []
      const check = async (what) => {
        await page.waitForTimeout(150)
        const bad = await chineseInUi(page, ['中华全国总工会', '赣榆区总工会', '青口镇总工会', created.name, joint.name])
        if (bad.length) problems.push(`${what}: ${bad.join(' | ')}`)
      }
      await page.goto(`${base}/login`)
      await page.locator('.login-card', { hasText: 'Sign in' }).waitFor()
      await check('login')
      await login(page, 'admin', ADMIN_PASSWORD)
      await page.goto(`${base}/dashboard`)
      await page.locator('[data-test=coverage-card][data-loaded=true]').waitFor()
      await check('dashboard')
      await page.goto(`${base}/orgs`)
      await page.locator('.org-tree .node-name').first().waitFor()
      await check('tree')
      await page.goto(`${base}/orgs?q=${encodeURIComponent('青口')}`)
      await page.locator('[data-test=org-search-results] a').first().waitFor()
      await check('tree search')
      for (const id of [qingkou.id, created.id, joint.id]) {
        await page.goto(`${base}/orgs/${id}`)
        await page.locator('[data-test=org-facts]').waitFor()
        await check(`org ${id}`)
      }
      await page.goto(`${base}/orgs/new?parent=${qingkou.id}`)
      await page.locator('[data-test=form-parent]', { hasText: '青口镇总工会' }).waitFor()
      await page.locator('[data-test=f-submit]').click()
      await page.locator('.el-form-item__error').first().waitFor()
      await check('new union, new employer, errors')
      await page.locator('.el-radio-button', { hasText: 'Pick a registered employer' }).click()
      await page.locator('[data-test=f-headcount-note]').waitFor()
      await page.locator('[data-test=f-submit]').click()
      await check('new union, registered employer')
      await page.locator('[data-test=f-kind]').click()
      await dropdownItem(page, 'Joint grassroots union').click()
      await page.locator('[data-test=f-employer-add]').click()
      await page.locator('[data-test=f-submit]').click()
      await check('new joint union')
      await shot(page, '29-english-form-joint')
      for (const id of [created.id, joint.id]) {
        await page.goto(`${base}/orgs/${id}/edit`)
        await page.waitForFunction(() => document.querySelector('[data-test=f-name]')?.value)
        await check(`edit ${id}`)
      }
      await page.goto(`${base}/employers`)
      await page.locator('[data-test=employers-table] .el-table__row').first().waitFor()
      await check('employers')
      await page.locator('[data-test=employer-create]').click()
      const edlg = page.locator('.el-dialog', { hasText: 'New employer' })
      await edlg.waitFor()
      await edlg.locator('.el-button', { hasText: 'Save' }).click()
      await edlg.locator('.el-form-item__error').first().waitFor()
      await check('new employer')
      await page.goto(`${base}/system/users`)
      await page.locator('[data-test=users-table] .el-table__row').first().waitFor()
      await check('users')
      await page.locator('[data-test=user-create]').click()
      const udlg = page.locator('.el-dialog', { hasText: 'New user' })
      await udlg.waitFor()
      await udlg.locator('[data-test=user-role]').click()
      await dropdownItem(page, 'Federation staff').waitFor()
      const roleTexts = await page.locator('.el-select-dropdown__item:visible').allTextContents()
      if (roleTexts.some((x) => /[\u3400-\u9fff]/.test(x))) problems.push(`role options: ${roleTexts.join(', ')}`)
      await page.keyboard.press('Escape')
      await udlg.locator('.el-button', { hasText: 'Save' }).click()
      await udlg.locator('.el-form-item__error').first().waitFor()
      await check('new user')
      await page.goto(`${base}/system/audit`)
      await page.locator('[data-test=audit-org][data-state=named]').first().waitFor()
      await page.locator('[data-test=audit-verify]').click()
      await page.locator('[data-test=audit-verify-result]').waitFor()
      await check('audit')
      await page.goto(`${base}/no/such/page`)
      await page.locator('.el-result').first().waitFor()
      await check('not found')
      await shot(page, '28-english-not-found')
      assert(!problems.length, `Chinese left in the English UI:\n${problems.join('\n')}`)
    }],

    ['the employers list shows the new union\'s employer as unionised', async (page) => {
      assert(created.code, 'needs the union created before')
      await login(page, county.username, county.password)
      await page.goto(`${base}/employers?q=${encodeURIComponent(created.code)}`)
      const row = page.locator('[data-test=employers-table] .el-table__row', { hasText: created.code })
      await row.waitFor()
      await row.locator('.el-tag', { hasText: '已建会' }).waitFor()
      await shot(page, '16-employers')
    }]
  ]

  const only = process.env.GH_E2E_ONLY
  for (const [name, fn] of tests) {
    if (only && !name.includes(only)) continue
    if (server.died) {
      // no point in waiting for timeouts against a dead server
      results.push({ name, ok: false })
      console.log(`FAIL ${name}: not run, the server is gone`)
      continue
    }
    const { context, page } = await newPage(browser, base)
    const started = Date.now()
    try {
      await fn(page)
      if (page.jsErrors.length) throw new Error(`JavaScript errors in the page: ${page.jsErrors.join(' | ')}`)
      results.push({ name, ok: true })
      console.log(`ok   ${name} (${Date.now() - started} ms)`)
    } catch (e) {
      results.push({ name, ok: false })
      const slug = name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)
      try {
        await page.screenshot({ path: path.join(outDir, `FAILED-${slug}.png`), fullPage: true })
      } catch (e2) {
        /* ignore */
      }
      console.log(`FAIL ${name}: ${String(e.message || e).split('\n')[0]}`)
      if (process.env.GH_E2E_VERBOSE) console.error(e)
      if (server.died && !server.diedReported) {
        server.diedReported = true
        console.log(`     the server exited (code ${server.died.code}, signal ${server.died.signal}) during this test; its last stderr:`)
        console.log(server.stderrText().slice(-3000).replace(/^/gm, '     | '))
      }
    } finally {
      await context.close()
    }
  }
}

let fatal = null
try {
  await main()
} catch (e) {
  fatal = e
  console.log(`FAIL setup: ${e.message}`)
  if (server) console.error(server.stderrText().slice(-4000))
} finally {
  await cleanup()
}
const passed = results.filter((r) => r.ok).length
const failed = results.length - passed + (fatal ? 1 : 0)
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
