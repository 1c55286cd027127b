// Browser tests of the 12351 hotline (modules/rights.js, views/hotline/), in Chinese: the operator
// registers a call on the one-screen intake with the keyboard, the employer's union signs for it
// and replies, the call-back rating is recorded, the district federation's quality check closes it,
// and every step shows its state; a worker files a request on the phone-sized member pages and
// rates the reply there.
export default (ctx) => {
  const { base, admin, county, unionA, cadreA, h } = ctx
  let employer = null
  async function unionEmployer() {
    if (!employer) employer = (await admin.get(`/orgs/${unionA.id}`)).employer
    h.assert(employer && employer.name, `the demo union ${unionA.name} has no employer`)
    return employer
  }
  async function stateIs(page, zh) {
    await page.locator('[data-test=hotline-case-state]', { hasText: zh }).waitFor()
  }

  return [
    ['12351 hotline: intake → accept → reply → rating → close, in Chinese', async (page) => {
      const em = await unionEmployer()
      await h.login(page, county.username, county.password)
      await page.goto(`${base}/hotline/intake`)
      await page.locator('[data-test=hotline-intake-page]').waitFor()
      // the calling number has the focus: the operator types at once
      const focused = await page.evaluate(() => !!document.activeElement?.closest('[data-test=hotline-caller-phone]'))
      h.assert(focused, 'the intake does not put the focus on the calling number')
      await page.keyboard.type('13951230001')
      await page.keyboard.press('Tab')
      await page.keyboard.type('赵来电')
      await page.locator('[data-test=hotline-category] [data-value=wage_arrears]').click()
      // the employer picker finds it by name and fills its credit code and place
      await page.locator('[data-test=hotline-employer]').fill(em.name.slice(0, 6))
      await page.locator('.el-autocomplete-suggestion li', { hasText: em.name }).first().click()
      const code = await page.locator('[data-test=hotline-credit-code]').inputValue()
      h.assert(code === em.credit_code, `the picker filled the credit code ${code}, not ${em.credit_code}`)
      await page.locator('[data-test=hotline-summary]').fill('车间三名职工反映两个月工资未发放，希望工会协调。')
      // Ctrl+Enter from the request text registers the call
      const created = page.waitForResponse((r) => r.url().endsWith('/api/cases') && r.request().method() === 'POST')
      await page.locator('[data-test=hotline-summary]').press('Control+Enter')
      const res = await created
      h.assert(res.status() === 201, `POST /api/cases answered ${res.status()}: ${await res.text()}`)
      const k = await res.json()
      h.assert(k.org_id === unionA.id, `the call went to ${k.org_name}, not ${unionA.name}`)
      await page.locator('[data-test=hotline-intake-done]', { hasText: unionA.name }).waitFor()
      await page.locator('[data-test=hotline-intake-done]', { hasText: '已登记工单' }).waitFor()
      // the form is ready for the next call
      h.assert((await page.locator('[data-test=hotline-summary]').inputValue()) === '', 'the form kept the last call')
      await h.shot(page, 'hotline-intake')

      // the union signs for it and replies
      const { context: cctx, page: cadre } = await h.newPage(ctx.browser, base)
      try {
        await h.login(cadre, cadreA.username, cadreA.password)
        await cadre.goto(`${base}/hotline`)
        await cadre.locator(`[data-test=hotline-table] a:text-is("${k.id}")`).waitFor()
        await cadre.goto(`${base}/hotline/${k.id}`)
        await stateIs(cadre, '待签收')
        await cadre.locator('[data-test=hotline-accept]').click()
        await stateIs(cadre, '办理中')
        await cadre.locator('[data-test=hotline-reply-text]').fill('已约谈单位负责人，工资将于本周五前补发。')
        await cadre.locator('[data-test=hotline-reply]').click()
        await stateIs(cadre, '已答复')
        await cadre.locator('[data-test=hotline-case-reply]', { hasText: '本周五前补发' }).waitFor()
        // the call-back: the worker is satisfied
        await cadre.locator('[data-test=hotline-rate-choice] [data-value=satisfied]').click()
        await cadre.locator('[data-test=hotline-rate]').click()
        await stateIs(cadre, '已评价')
        await cadre.locator('[data-test=hotline-case-satisfaction]', { hasText: '满意' }).waitFor()
        // the quality check is not the union's
        h.assert((await cadre.locator('[data-test=hotline-close]').count()) === 0, 'a grassroots cadre is offered the quality check')
      } finally {
        await cctx.close()
      }

      // the district federation's quality check closes it; the whole history shows
      await page.goto(`${base}/hotline/${k.id}`)
      await stateIs(page, '已评价')
      await page.locator('[data-test=hotline-close]').click()
      await stateIs(page, '已办结')
      const steps = await page.locator('[data-test=hotline-history] [data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
      h.assert(steps.join(',') === 'create,accept,reply,rate,close', `the history shows ${steps.join(',')}`)
      await page.locator('[data-test=hotline-history]', { hasText: '质检办结' }).waitFor()
      await h.shot(page, 'hotline-case-closed')
      // the supervision view computes the satisfaction rate of the district
      await page.goto(`${base}/hotline/supervision`)
      // both rated cases of the district (the demo's and this one) are 满意: 100%
      await page.locator('[data-test=hotline-figures] [data-figure=rate]', { hasText: '100.0%' }).waitFor()
      await h.shot(page, 'hotline-supervision')
    }],

    ['12351 hotline: a worker asks for help on the member pages and rates the reply', async (page) => {
      const em = await unionEmployer()
      const stamp = Date.now().toString().slice(-8)
      const worker = { phone: `137${stamp}`, idNumber: h.makeIdNumber(), name: '陶热线', password: 'e2e-hotline-worker-2026' }
      const reg = await fetch(`${base}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: worker.phone, id_number: worker.idNumber, name: worker.name, password: worker.password })
      })
      h.assert(reg.status === 201, `registering the worker: ${reg.status} ${await reg.text()}`)
      const { context: mctx, page: phone } = await h.newPage(ctx.browser, base, { mobile: true })
      try {
        await h.login(phone, worker.phone, worker.password, { form: true })
        await phone.goto(`${base}/m/services`)
        await phone.locator('[data-service=m-hotline-new]').click()
        await phone.locator('[data-test=m-hotline-new-page]').waitFor()
        await phone.locator('[data-test=mh-employer]').fill(em.name)
        // the place, level by level: 江苏省 / 连云港市 / 赣榆区
        const levels = phone.locator('[data-test=hotline-division-selects] .el-select')
        await h.chooseOption(phone, levels.nth(0), '江苏省')
        await h.chooseOption(phone, levels.nth(1), '连云港市')
        await h.chooseOption(phone, levels.nth(2), '赣榆区')
        await phone.locator('[data-test=mh-summary]').fill('加班费一直没有按规定发放。')
        await phone.locator('[data-test=mh-submit]').click()
        await phone.locator('[data-test=m-hotline-page]').waitFor()
        const card = phone.locator('[data-test=mh-case]').first()
        await card.locator('[data-test=mh-state]', { hasText: '待签收' }).waitFor()
        const id = Number(await card.getAttribute('data-case'))
        // the union signs for it and replies
        const cadre = await h.apiLogin(base, cadreA.username, cadreA.password)
        await cadre.post(`/cases/${id}/actions`, { action: 'accept' })
        await cadre.post(`/cases/${id}/actions`, { action: 'reply', text: '已督促单位按规定补发加班费。' })
        await phone.reload()
        const mine = phone.locator(`[data-test=mh-case][data-case="${id}"]`)
        await mine.locator('[data-test=mh-state]', { hasText: '已答复' }).waitFor()
        await mine.locator('[data-test=mh-reply]', { hasText: '补发加班费' }).waitFor()
        await mine.locator('[data-test=mh-rate] [data-value=basically_satisfied]').click()
        await mine.locator('[data-test=mh-state]', { hasText: '已评价' }).waitFor()
        await mine.locator('[data-test=mh-rated]', { hasText: '基本满意' }).waitFor()
        await h.shot(phone, 'hotline-member')
        if (phone.jsErrors.length) throw new Error(`JavaScript errors in the member pages: ${phone.jsErrors.join(' | ')}`)
      } finally {
        await mctx.close()
      }
    }]
  ]
}
