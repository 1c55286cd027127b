// Browser tests of the contracts module: a union's cadre registers a collective contract that ends
// in 60 days and finds it under "90 天内到期" with its days left; issues a labour-law supervision
// notice to the union's employer and records the employer's answer (an overdue one is marked red);
// adds an item to the union's service catalogue, which a member of that union then sees on the
// phone-sized services page beside the items of 赣榆区总工会 above it.

const DAY = 86400000

// YYYY-MM-DD of today + days, in Asia/Shanghai (the server's calendar)
function day(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY))
}

// Types a date into the Element Plus date picker inside `sel`.
async function typeDate(page, sel, value) {
  const input = page.locator(`${sel} input`).first()
  await input.fill(value)
  await input.press('Enter')
  // close the calendar panel (it covers the fields below) by clicking the dialog's title
  await page.locator('.el-dialog__title:visible').first().click()
  await page.locator('.el-picker-panel:visible').waitFor({ state: 'hidden' })
}

export default (ctx) => {
  const { base, unionA, cadreA, h } = ctx
  const { login, shot, assert, apiLogin, makeIdNumber, chineseInUi } = h
  const stamp = Date.now().toString(36).slice(-4).toUpperCase()

  return [
    ['contracts: a contract ending in 60 days shows in the 90-day expiry list', async (page) => {
      await login(page, cadreA.username, cadreA.password)
      await page.goto(`${base}/contracts`)
      await page.locator('[data-test=contracts-table]').waitFor()
      await page.locator('[data-test=contract-create]').click()
      const dlg = page.locator('[data-test=contract-dialog]')
      await dlg.waitFor()
      // the union in focus (the cadre's own) is chosen already
      await dlg.locator('[data-test=contract-org] .el-select__placeholder', { hasText: unionA.name }).waitFor()
      await dlg.locator('[data-kind=collective]').click()
      const ends = day(60)
      const starts = day(60 - 3 * 365 + 2)
      await typeDate(page, '[data-test=contract-signed]', day(60 - 3 * 365 - 3))
      await typeDate(page, '[data-test=contract-starts]', starts)
      await typeDate(page, '[data-test=contract-ends]', ends)
      await page.locator('.el-form-item', { has: page.locator('[data-test=contract-workers]') }).locator('input').fill('86')
      await dlg.locator('textarea').fill(`e2e ${stamp} 经职代会审议通过`)
      const created = page.waitForResponse((r) => r.url().endsWith('/api/contracts') && r.request().method() === 'POST')
      await page.locator('[data-test=contract-save]').click()
      const res = await created
      assert(res.status() === 201, `POST /api/contracts answered ${res.status()}: ${await res.text()}`)
      const contract = await res.json()
      assert(contract.ends_on === ends && contract.days_left === 60 && contract.expiring === true, `created ${JSON.stringify(contract)}`)
      await dlg.waitFor({ state: 'hidden' })

      await page.locator('[data-test=contracts-tab-expiring]').click()
      await page.waitForURL(/tab=expiring/)
      const row = page.locator('[data-test=contracts-table] .el-table__row', { has: page.locator(`[data-contract="${contract.id}"]`) }).first()
      await row.waitFor()
      await row.locator('[data-test=contract-days-left]', { hasText: '60 天' }).waitFor()
      await row.locator('[data-test=contract-status]', { hasText: '履行中' }).waitFor()
      const figure = await page.locator('[data-fig=expiring] .num').textContent()
      assert(Number(figure.replace(/\D/g, '')) >= 1, `expiring figure ${figure}`)
      await shot(page, '60-contracts-expiring')
    }],

    ['contracts: issue a supervision notice, record the answer; an overdue one is marked', async (page) => {
      // an overdue notice made through the API: due ten days ago and unanswered
      const cadre = await apiLogin(base, cadreA.username, cadreA.password)
      const late = await cadre.post('/supervision-notices', {
        kind: 'suggestion', org_id: unionA.id, issued_on: day(-40), reply_due_on: day(-10),
        subject: `e2e ${stamp} 未设立母婴室`, content: '建议为哺乳期女职工设立母婴室并落实哺乳时间。'
      })
      assert(late.overdue === true && late.days_overdue === 10, `overdue notice: ${JSON.stringify(late)}`)

      await login(page, cadreA.username, cadreA.password)
      await page.goto(`${base}/supervision-notices`)
      await page.locator('[data-test=notices-table]').waitFor()
      const lateRow = page.locator('[data-test=notices-table] .el-table__row', { has: page.locator(`[data-notice="${late.id}"]`) }).first()
      await lateRow.locator('[data-test=notice-overdue]', { hasText: '逾期 10 天' }).waitFor()
      assert(/row-overdue/.test((await lateRow.getAttribute('class')) || ''), 'the overdue row is coloured')

      await page.locator('[data-test=notice-create]').click()
      const dlg = page.locator('[data-test=notice-dialog]')
      await dlg.waitFor()
      const subject = `e2e ${stamp} 加班工资未足额支付`
      await page.locator('[data-test=notice-subject]').fill(subject)
      await page.locator('[data-test=notice-content]').fill('经调查，贵单位存在延长工作时间未足额支付加班工资的情况，请于 30 日内整改并书面答复。')
      const posted = page.waitForResponse((r) => r.url().endsWith('/api/supervision-notices') && r.request().method() === 'POST')
      await page.locator('[data-test=notice-save]').click()
      const res = await posted
      assert(res.status() === 201, `POST /api/supervision-notices answered ${res.status()}: ${await res.text()}`)
      const notice = await res.json()
      assert(notice.state === 'issued' && notice.employer_id && notice.reply_due_on === day(30), `issued ${JSON.stringify(notice)}`)
      await dlg.waitFor({ state: 'hidden' })
      const row = page.locator('[data-test=notices-table] .el-table__row', { has: page.locator(`[data-notice="${notice.id}"]`) }).first()
      await row.locator('[data-test=notice-state]', { hasText: '已发出' }).waitFor()
      await shot(page, '61-notices')

      await row.locator('[data-test=notice-answer]').click()
      await page.locator('[data-test=notice-answer-dialog]').waitFor()
      const answer = `e2e ${stamp} 已补发三个月加班工资并调整排班`
      await page.locator('[data-test=notice-answer-input]').fill(answer)
      await page.locator('[data-test=notice-answer-save]').click()
      await page.locator('[data-test=notice-answer-dialog]').waitFor({ state: 'hidden' })
      await row.locator('[data-test=notice-state]', { hasText: '已答复' }).waitFor()
      await row.locator('.el-table__expand-icon').click()
      await page.locator(`[data-notice-detail="${notice.id}"] [data-test=notice-answer-text]`, { hasText: answer }).waitFor()
      const check = await cadre.get(`/supervision-notices/${notice.id}`)
      assert(check.state === 'answered' && check.answer === answer && check.answered_on === day(0), `answered ${JSON.stringify(check)}`)
      await shot(page, '62-notice-answered')
    }],

    ['services: a cadre adds a service item and a member of the union sees it on the phone', async (page) => {
      await login(page, cadreA.username, cadreA.password)
      await page.goto(`${base}/service-items`)
      await page.locator('[data-test=service-table]').waitFor()
      await page.locator('[data-test=service-create]').click()
      await page.locator('[data-test=service-dialog]').waitFor()
      const title = `周末法律咨询${stamp}`
      await page.locator('[data-test=service-title]').fill(title)
      await page.locator('[data-test=service-description]').fill('每周六上午律师驻会，免费解答劳动合同、工资、社保问题。')
      await page.locator('[data-test=service-contact]').fill('0518-86210000')
      await page.locator('[data-test=service-save]').click()
      await page.locator('[data-test=service-dialog]').waitFor({ state: 'hidden' })
      await page.locator('[data-test=service-table] .el-table__row', { hasText: title }).waitFor()
      await shot(page, '63-service-catalogue')

      // a worker who joins union A (registered and approved through the API)
      const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
      const password = 'e2e-service-member-2026'
      const reg = await fetch(`${base}/api/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone, id_number: makeIdNumber(), name: `吴测${stamp}`, password })
      })
      assert(reg.status === 201, `register: ${reg.status} ${await reg.text()}`)
      const w = await apiLogin(base, phone, password)
      const k = await w.post('/cases', { type: 'join_application', org_id: unionA.id, particulars: { name: `吴测${stamp}`, ethnicity: '汉族', employment: 'full_time' } })
      const cadre = await apiLogin(base, cadreA.username, cadreA.password)
      await cadre.post(`/cases/${k.id}/actions`, { action: 'approve' })

      const { context, page: phonePage } = await h.newPage(ctx.browser, base, { mobile: true })
      try {
        await login(phonePage, phone, password, { form: true })
        await phonePage.goto(`${base}/m/services`)
        await phonePage.locator('[data-service=m-service-items]').click()
        await phonePage.waitForURL(/\/m\/service-items/)
        await phonePage.locator('[data-test=m-service-union]', { hasText: unionA.name }).waitFor()
        const item = phonePage.locator('[data-test=m-service-item]', { hasText: title })
        await item.waitFor()
        assert((await item.textContent()).includes('0518-86210000'), 'the contact is shown')
        // the county federation's catalogue, above the union, comes after the union's own
        const titles = await phonePage.locator('[data-test=m-service-item] .title').allTextContents()
        const own = titles.indexOf(title)
        const county = titles.indexOf('职工法律援助')
        assert(own >= 0 && county > own, `member sees ${titles.join(', ')}`)
        const width = await phonePage.evaluate(() => document.documentElement.scrollWidth)
        assert(width <= 390, `the page fits the phone (${width}px wide)`)
        await shot(phonePage, '64-member-services')
        assert(!phonePage.jsErrors.length, `JavaScript errors on the phone: ${phonePage.jsErrors.join(' | ')}`)
      } finally {
        await context.close()
      }
    }],

    ['contracts: the three console pages read in English', async (page) => {
      await page.context().addInitScript(() => localStorage.setItem('gonghui.lang', 'en'))
      await login(page, ctx.county.username, ctx.county.password)
      const problems = []
      for (const [path, ready] of [['/contracts?tab=expiring', '[data-test=contracts-table]'], ['/supervision-notices', '[data-test=notices-table]'], ['/service-items', '[data-test=service-table]']]) {
        await page.goto(`${base}${path}`)
        await page.locator(ready).waitFor()
        await page.locator('.el-table__row').first().waitFor()
        await page.waitForTimeout(200)
        const bad = await chineseInUi(page, ['赣榆区总工会'])
        if (bad.length) problems.push(`${path}: ${bad.join(' | ')}`)
      }
      await page.goto(`${base}/contracts`)
      await page.locator('[data-test=contract-create]').click()
      await page.locator('[data-test=contract-dialog] .el-dialog__title', { hasText: 'Register a collective contract' }).waitFor()
      const bad = await chineseInUi(page, ['赣榆区总工会'])
      if (bad.length) problems.push(`contract form: ${bad.join(' | ')}`)
      assert(!problems.length, problems.join(' ;; '))
    }]
  ]
}
