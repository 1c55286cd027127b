// Browser tests of wage arrears (欠薪) and labour dispute mediation (劳动争议调解):
// - the county registers an arrears case through the form, records a recovery and settles it;
//   the totals card of 青口镇 shows it;
// - a worker's mediation accepted more than 15 days ago (the test clock is set back to the
//   application, then brought to today) shows overdue, supervised, with the arbitration hint, on
//   the committee's case page and on the worker's own phone page;
// - another mediation ends with an agreement whose terms the worker sees.
// The clock goes back and returns to the present, so no other test's session is harmed.
export default (ctx) => {
  const { base, county, cadreA, unionA, qingkou, h } = ctx
  const stamp = Date.now().toString(36).slice(-5).toUpperCase()
  const employer = `连云港测试劳务${stamp}有限公司`
  const worker = { phone: `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, idNumber: h.makeIdNumber(), name: `吴测${stamp}`, password: 'e2e-mediation-worker-2026' }

  async function setClock(iso) {
    const r = await fetch(`${base}/api/test/clock`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ now: iso }) })
    h.assert(r.status === 204, `PUT /api/test/clock ${iso}: ${r.status}`)
  }
  async function registerWorker() {
    if (worker.registered) return
    const r = await fetch(`${base}/api/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ phone: worker.phone, id_number: worker.idNumber, name: worker.name, password: worker.password })
    })
    h.assert(r.status === 201, `register the worker: ${r.status} ${await r.text()}`)
    worker.registered = true
  }
  function application(claim) {
    return { type: 'mediation', worker: { name: worker.name, phone: '13900001111' }, employer: { name: employer }, claim: { text: claim, amount_fen: 500000 }, org_id: unionA.id }
  }
  async function typeInto(page, test, text) {
    const input = page.locator(`[data-test=${test}]`)
    await input.fill(text)
  }
  async function pickMonth(page, test, month) {
    const input = page.locator(`[data-test=${test}] input`)
    await input.click()
    await input.fill(month)
    await input.press('Enter')
    await page.keyboard.press('Escape')
  }

  return [
    ['arrears: the county registers a case, records a recovery and settles it', async (page) => {
      await h.login(page, county.username, county.password)
      await page.goto(`${base}/arrears/new`)
      await typeInto(page, 'arrears-employer', employer)
      await page.locator('[data-test=arrears-division]').fill('320707100')
      await typeInto(page, 'arrears-amount', '86000')
      await page.locator('.el-form-item', { has: page.locator('[data-test=arrears-workers]') }).locator('input').fill('23')
      await pickMonth(page, 'arrears-from', '2025-11')
      await pickMonth(page, 'arrears-to', '2026-01')
      await typeInto(page, 'arrears-project', '青口镇e2e安置房工程')
      await typeInto(page, 'arrears-summary', '二十三名农民工反映 2025 年 11 月起工资未发放')
      const body = await h.requestBody(page, 'POST', '/cases', () => page.locator('[data-test=arrears-submit]').click())
      h.assert(body.type === 'wage_arrears' && body.amount_owed_fen === 8600000 && body.workers_affected === 23, `the form sent ${JSON.stringify(body)}`)
      h.assert(body.period.from === '2025-11' && body.period.to === '2026-01', `period ${JSON.stringify(body.period)}`)
      await page.waitForURL(/\/arrears\/\d+$/)
      await page.locator('[data-test=rights-case-state][data-state=reported]').waitFor()
      // an employer without a union: the federation of its place handles it
      await page.locator('[data-test=rights-case-facts]', { hasText: '青口镇总工会' }).waitFor()
      await h.shot(page, 'arrears-case-reported')
      await page.locator('[data-test=rights-act-accept]').click()
      await page.locator('.rights-confirm-box .el-button--primary').click()
      await page.locator('[data-test=rights-case-state][data-state=recovering]').waitFor()
      // a recovery above what is owed is refused next to its field
      await page.locator('[data-test=rights-act-recover]').click()
      await page.locator('[data-test=dlg-text]').fill('约谈项目负责人，发放首批工资')
      await page.locator('[data-test=dlg-recovered]').fill('90000')
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-dialog] .el-form-item__error').first().waitFor()
      await page.locator('[data-test=dlg-recovered]').fill('30000')
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-recovered]', { hasText: '30,000.00' }).waitFor()
      await page.locator('[data-test=rights-outstanding]', { hasText: '56,000.00' }).waitFor()
      await page.locator('[data-test=rights-recoveries]', { hasText: '约谈项目负责人' }).waitFor()
      // settled with the rest
      await page.locator('[data-test=rights-act-close]').click()
      await page.locator('[data-test=dlg-note]').fill('余款已全部发放到位')
      await page.locator('[data-test=dlg-recovered]').fill('56000')
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-case-state][data-state=settled]').waitFor()
      await page.locator('[data-test=rights-history]', { hasText: '余款已全部发放到位' }).waitFor()
      await h.shot(page, 'arrears-case-settled')
      // the list of 青口镇 with the totals card
      await page.goto(`${base}/arrears?state=settled`)
      await page.locator('[data-test=arrears-total-card]').waitFor()
      await page.locator('[data-test=rights-table]', { hasText: employer }).waitFor()
      const owed = await page.locator('[data-test=arrears-total-owed]').innerText()
      h.assert(/¥[\d,]+\.\d\d/.test(owed), `the total owed shows ${owed}`)
      const api = await h.apiLogin(base, county.username, county.password)
      const stats = await api.get(`/orgs/${qingkou.id}/stats`)
      h.assert(stats.cases.wage_arrears.amount_recovered_fen >= 8600000, `青口镇 recovered ${JSON.stringify(stats.cases.wage_arrears)}`)
      await h.shot(page, 'arrears-list')
    }],

    ['mediation: no agreement 15 days after acceptance shows overdue with the arbitration hint', async (page) => {
      await registerWorker()
      // the application and its acceptance 17 days ago
      const now = new Date()
      const past = new Date(now.getTime() - 17 * 86400000)
      let id
      try {
        await setClock(past.toISOString())
        const w = await h.apiLogin(base, worker.phone, worker.password)
        id = (await w.post('/cases', application('要求支付 2025 年 12 月加班工资'))).id
        const cadre = await h.apiLogin(base, cadreA.username, cadreA.password)
        const k = await cadre.post(`/cases/${id}/actions`, { action: 'accept' })
        h.assert(k.state === 'mediating' && !k.overdue, `accepted: ${JSON.stringify(k)}`)
      } finally {
        await setClock(now.toISOString())
      }
      // the committee's page: overdue, supervised, still its own, pointing to arbitration
      await h.login(page, cadreA.username, cadreA.password, { form: true })
      await page.goto(`${base}/mediation?overdue=1`)
      await page.locator(`[data-test=rights-table] .due-overdue`).first().waitFor()
      await page.goto(`${base}/mediation/${id}`)
      await page.locator('[data-test=rights-case-overdue]').waitFor()
      await page.locator('[data-test=rights-case-supervised]').waitFor()
      await page.locator('[data-test=arbitration-hint][data-reason=no_agreement_in_15_days]').waitFor()
      await h.shot(page, 'mediation-overdue')
      // the worker's own phone page
      const m = await h.newPage(ctx.browser, base, { mobile: true })
      try {
        await h.login(m.page, worker.phone, worker.password, { form: true })
        await m.page.goto(`${base}/m/mediation`)
        const card = m.page.locator(`[data-test=m-mediation-case][data-case="${id}"]`)
        await card.waitFor()
        await card.locator('[data-test=arbitration-hint][data-reason=no_agreement_in_15_days]').waitFor()
        const text = await card.locator('[data-test=arbitration-hint]').innerText()
        h.assert(text.includes('仲裁') && text.includes('45'), `the hint says: ${text}`)
        await h.shot(m.page, 'mediation-worker-arbitration')
        h.assert(!m.page.jsErrors.length, `JavaScript errors: ${m.page.jsErrors.join(' | ')}`)
      } finally {
        await m.context.close()
      }
    }],

    ['mediation: the worker applies on the phone page; a session and an agreement with its terms', async (page) => {
      await registerWorker()
      // the worker applies through the form, naming the employer of unionA (its union mediates)
      const union = await ctx.admin.get(`/orgs/${unionA.id}`)
      const emp = union.employer || (union.employers || [])[0]
      h.assert(emp && emp.name, `the employer of ${unionA.name}: ${JSON.stringify(union.employer)}`)
      let id
      const m0 = await h.newPage(ctx.browser, base, { mobile: true })
      try {
        await h.login(m0.page, worker.phone, worker.password, { form: true })
        await m0.page.goto(`${base}/m/mediation`)
        await m0.page.locator('[data-test=m-mediation-apply]').click()
        await m0.page.locator('[data-test=mediation-worker]').fill(worker.name)
        await m0.page.locator('[data-test=mediation-phone]').fill('13900002222')
        await m0.page.locator('[data-test=mediation-employer]').fill(emp.name)
        if (emp.credit_code) await m0.page.locator('[data-test=mediation-credit]').fill(emp.credit_code)
        await m0.page.locator('[data-test=mediation-claim]').fill('要求支付解除劳动合同经济补偿')
        await m0.page.locator('[data-test=mediation-amount]').fill('15000')
        const body = await h.requestBody(m0.page, 'POST', '/cases', () => m0.page.locator('[data-test=mediation-submit]').click())
        h.assert(body.type === 'mediation' && body.claim.amount_fen === 1500000 && body.worker.phone === '13900002222' && !body.org_id, `the form sent ${JSON.stringify(body)}`)
        const card = m0.page.locator('[data-test=m-mediation-case]', { hasText: '要求支付解除劳动合同经济补偿' }).first()
        await card.locator('[data-test=m-mediation-state][data-state=applied]').waitFor()
        id = await card.getAttribute('data-case')
        h.assert(!(await card.innerText()).includes('13900002222'), 'the phone number is not shown in the open part')
        await h.shot(m0.page, 'mediation-worker-applied')
      } finally {
        await m0.context.close()
      }
      await h.login(page, cadreA.username, cadreA.password, { form: true })
      await page.goto(`${base}/mediation/${id}`)
      await page.locator('[data-test=rights-case-state][data-state=applied]').waitFor()
      await page.locator('[data-test=rights-act-accept]').click()
      await page.locator('.rights-confirm-box .el-button--primary').click()
      await page.locator('[data-test=rights-case-state][data-state=mediating]').waitFor()
      await page.locator('[data-test=rights-act-session]').click()
      await page.locator('[data-test=dlg-mediator]').fill('刘建国')
      await page.locator('[data-test=dlg-text]').fill('双方到场，企业同意支付经济补偿')
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-sessions]', { hasText: '刘建国' }).waitFor()
      // terms are required: the server's answer shows next to the field
      await page.locator('[data-test=rights-act-approve]').click()
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-dialog] .el-form-item__error').first().waitFor()
      const terms = `企业于十五日内支付经济补偿一万二千元（${stamp}）`
      await page.locator('[data-test=dlg-terms]').fill(terms)
      await page.locator('[data-test=dlg-amount]').fill('12000')
      await page.locator('[data-test=dlg-confirm]').click()
      await page.locator('[data-test=rights-case-state][data-state=agreed]').waitFor()
      await page.locator('[data-test=rights-terms]', { hasText: terms }).waitFor()
      h.assert(!(await page.locator('[data-test=arbitration-hint]').count()), 'no arbitration hint after an agreement')
      await h.shot(page, 'mediation-agreed')
      const m = await h.newPage(ctx.browser, base, { mobile: true })
      try {
        await h.login(m.page, worker.phone, worker.password)
        await m.page.goto(`${base}/m/mediation`)
        await m.page.locator(`[data-test=m-mediation-case][data-case="${id}"] [data-test=m-mediation-terms]`, { hasText: terms }).waitFor()
      } finally {
        await m.context.close()
      }
    }]
  ]
}
