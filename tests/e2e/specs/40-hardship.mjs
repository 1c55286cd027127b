// Browser tests of hardship files: a grassroots cadre files for a member of their union (the
// means test proposes a level), the county federation opens the file, reads the household with
// the computed classification explained, approves with the level and records a 送温暖; the
// standards page looks up the standard in force. Chinese throughout.
export default (ctx) => {
  const { base, county, unionA, cadreA, h } = ctx
  const { apiLogin, login, shot, assert, makeIdNumber, chineseInUi } = h
  let fileId = null
  let memberName = null

  return [
    ['hardship: a cadre files for a member', async (page) => {
      const api = await apiLogin(base, cadreA.username, cadreA.password)
      const r = await api.get(`/members?org=${unionA.id}&status=active&offset=12&limit=1`)
      const m = (r.items || [])[0]
      assert(m, 'a member of the demo union')
      memberName = m.name
      await login(page, cadreA.username, cadreA.password)
      await page.goto(`${base}/hardship`)
      await page.locator('[data-test=hardship-page]').waitFor()
      await page.locator('[data-test=hardship-new]').click()
      const dialog = page.locator('[data-test=hardship-new-dialog]')
      const picker = dialog.locator('[data-test=hardship-member]')
      await picker.click()
      await picker.locator('input').fill(m.name)
      await page.locator(`.el-select-dropdown__item:visible[data-member="${m.id}"]`).first().click()
      await dialog.locator('[data-test=hs-add-person]').click()
      await dialog.locator('[data-test=hs-person-name-1]').fill('王某')
      await dialog.locator('[data-test=hs-income-0] input').fill('24000')
      await dialog.locator('[data-test=hs-add-expense]').click()
      await dialog.locator('[data-test=hs-expense-0] input').fill('6000')
      await shot(page, '40-hardship-new')
      await dialog.locator('[data-test=hardship-submit]').click()
      await page.waitForURL(/\/hardship\/\d+$/)
      fileId = page.url().split('/').pop()
      await page.locator('[data-test=hardship-file-state][data-state=submitted]').waitFor()
      // 24,000 − 6,000 over 2 people: 750 yuan a month, under 赣榆区's 850: deep
      const computed = await page.locator('[data-test=hardship-computed]').innerText()
      assert(computed.includes('深度困难'), `computed level shown: ${computed}`)
      // the union may not decide: no decision panel
      assert(await page.locator('[data-test=hardship-decide]').count() === 0, 'no decision for the union')
    }],
    ['hardship: the county approves and records assistance', async (page) => {
      assert(fileId, 'the file of the previous test')
      await login(page, county.username, county.password)
      await page.goto(`${base}/hardship`)
      await page.locator('[data-test=hardship-table]').waitFor()
      await page.locator('[data-test=hardship-table] .el-table__row', { hasText: memberName }).first().waitFor()
      await page.goto(`${base}/hardship/${fileId}`)
      await page.locator('[data-test=hardship-reveal]').click()
      await page.locator('[data-test=hardship-explain]').waitFor()
      const per = await page.locator('[data-test=hardship-per-capita]').innerText()
      assert(per.includes('750.00'), `per capita 750.00: ${per}`)
      const explain = await page.locator('[data-test=hardship-explain]').innerText()
      assert(explain.includes('深度困难') && explain.includes('850.00'), `explained: ${explain}`)
      await page.locator('[data-test=hardship-level] [data-level=deep]').click()
      await shot(page, '41-hardship-decide')
      await page.locator('[data-test=hardship-approve]').click()
      await page.locator('[data-test=hardship-file-state][data-state=filed]').waitFor()
      await page.locator('[data-test=hardship-file-level]', { hasText: '深度困难' }).waitFor()
      await page.locator('[data-test=hardship-aid-amount] input').fill('800')
      await page.locator('[data-test=hardship-aid-submit]').click()
      await page.locator('[data-test=hardship-aid-total]', { hasText: '800.00' }).waitFor()
      await page.locator('[data-test=hardship-aid-table] .el-table__row', { hasText: '送温暖' }).waitFor()
      await shot(page, '42-hardship-filed')
      await page.goto(`${base}/hardship?state=filed&level=deep`)
      await page.locator('[data-test=hardship-table] [data-level=deep]').first().waitFor()
      // the counters: the demo's deep file and this one, and the assistance given
      const deep = Number(await page.locator('[data-stat=filed_deep] .value').innerText())
      assert(deep >= 2, `filed deep files counted: ${deep}`)
      const given = Number(await page.locator('[data-stat=assistance_fen] .value').innerText())
      assert(given >= 800, `assistance counted: ${given}`)
    }],
    ['hardship: a worker applies on the phone', async (page) => {
      // a worker of the demo union with an account: registered, then entered by the union's cadre
      const me = { phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, idNumber: makeIdNumber(), name: '钱困难', password: 'e2e-hardship-worker-2026' }
      const reg = await fetch(`${base}/api/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone: me.phone, id_number: me.idNumber, name: me.name, password: me.password }) })
      assert(reg.status === 201, `register: ${reg.status}`)
      const api = await apiLogin(base, cadreA.username, cadreA.password)
      await api.post('/members', { org_id: unionA.id, id_number: me.idNumber, name: me.name, joined_on: '2021-03-01' })
      await login(page, me.phone, me.password, { form: true })
      await page.goto(`${base}/m/hardship`)
      const form = page.locator('[data-test=m-hardship-form]')
      await form.waitFor()
      // no income entered and one cause: the means test still runs (0 yuan a month: deep)
      await form.locator('[data-test=hs-add-person]').click()
      await form.locator('[data-test=hs-person-name-1]').fill('孩子')
      await form.locator('[data-test=m-hardship-submit]').click()
      await page.locator('[data-test=m-hardship-state][data-state=submitted]').waitFor()
      const text = await page.locator('[data-test=m-hardship-file]').innerText()
      assert(text.includes('深度困难'), `computed level shown to the worker: ${text}`)
      await shot(page, '44-hardship-phone')
    }, { mobile: true }],
    ['hardship: pages in English', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/living-standards`)
      await page.locator('.lang-switch').click()
      await page.locator('.el-dropdown-menu__item', { hasText: 'English' }).click()
      await page.locator('.side-menu', { hasText: 'Hardship files' }).waitFor()
      await page.goto(`${base}/hardship?state=all`)
      await page.locator('[data-test=hardship-table] .el-table__row').first().waitFor()
      await page.locator('[data-test=hardship-table] [data-state=filed]', { hasText: 'filed' }).first().waitFor()
      const bad = await chineseInUi(page)
      assert(bad.length === 0, `Chinese left in the English page: ${bad.join(' | ')}`)
      await page.goto(`${base}/living-standards`)
      await page.locator('[data-test=ls-table] .el-table__row').first().waitFor()
      const bad2 = await chineseInUi(page)
      assert(bad2.length === 0, `Chinese left in the English page: ${bad2.join(' | ')}`)
    }],
    ['hardship: the living standard in force', async (page) => {
      await login(page, county.username, county.password)
      await page.goto(`${base}/living-standards`)
      await page.locator('[data-test=ls-table] .el-table__row', { hasText: '赣榆区' }).first().waitFor()
      await page.locator('[data-test=ls-lookup-division]').fill('320707')
      await page.locator('[data-test=ls-lookup]').click()
      const found = await page.locator('[data-test=ls-found]').innerText()
      assert(found.includes('赣榆区') && found.includes('850.00'), `found: ${found}`)
      await shot(page, '43-living-standards')
    }]
  ]
}
