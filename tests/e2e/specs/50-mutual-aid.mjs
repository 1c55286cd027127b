// Medical mutual aid (职工医疗互助) in the browser: a union's cadre creates a plan, enrols a member
// of the union from the roster, a claim is filed for that member, and the cadre approves it with
// the benefit computed by the plan's rule shown step by step, then records the payment.
export default (ctx) => {
  const { base, cadreA, unionA, h } = ctx
  const { apiLogin, login, shot, assert, makeIdNumber } = h

  // the server's day: the time of the audit row of a login made now (the test clock may have moved)
  async function serverToday(api) {
    const r = await api.get('/audit?limit=1')
    return String(r.items[0].at).slice(0, 10)
  }

  return [
    ['mutual aid: a cadre enrols a member, a claim is approved with its benefit and paid', async (page) => {
      const cadre = await apiLogin(base, cadreA.username, cadreA.password)
      const admin = await apiLogin(base, 'admin', ctx.ADMIN_PASSWORD)
      const today = await serverToday(admin)
      const year = Number(today.slice(0, 4))
      const stamp = Date.now().toString(36).slice(-4).toUpperCase()
      const planName = `测试互助计划${stamp}`

      // the plan, through the form: deductible 1,000 yuan, 50%, no waiting period
      await login(page, cadreA.username, cadreA.password)
      await page.goto(`${base}/mutual-aid/plans`)
      await page.locator('[data-test=ma-plan-table]').waitFor()
      await page.locator('[data-test=ma-plan-new]').click()
      const form = page.locator('[data-test=ma-plan-form]')
      await form.waitFor()
      const field = (name) => page.locator(`[data-test=${name}] input, input[data-test=${name}]`).first()
      await field('ma-f-name').fill(planName)
      await field('ma-f-year').fill(String(year))
      await field('ma-f-waiting').fill('0')
      await field('ma-f-contribution').fill('60')
      // a wrong amount is refused next to its field before anything is sent
      await field('ma-f-deductible').fill('1千')
      await field('ma-f-ratio').fill('50')
      await field('ma-f-cap').fill('20000')
      await field('ma-f-yearly').fill('50000')
      await page.locator('[data-test=ma-f-save]').click()
      await form.locator('.el-form-item__error', { hasText: '请填写金额' }).waitFor()
      await field('ma-f-deductible').fill('1000')
      await page.locator('[data-test=ma-f-save]').click()
      const row = page.locator('[data-test=ma-plan-table] .el-table__row', { hasText: planName })
      await row.waitFor()
      assert(/50%/.test(await row.textContent()), 'the rule shows the ratio as 50%')
      await shot(page, '50-mutual-aid-plans')

      // enrol a member of the union picked from the roster
      const members = await cadre.get('/members?status=active&limit=1')
      const member = members.items[0]
      assert(member, 'the demo union has members')
      await row.locator('[data-test=ma-plan-enrol]').click()
      await page.locator('[data-test=ma-enrol-page]').waitFor()
      await page.locator('[data-test=ma-enrol-q] input, input[data-test=ma-enrol-q]').first().fill(member.name)
      await page.keyboard.press('Enter')
      const pick = page.locator('[data-test=ma-roster] .el-table__row', { hasText: member.member_no })
      await pick.waitFor()
      await pick.locator('.el-checkbox').click()
      await page.locator('[data-test=ma-enrol-submit]').click()
      await page.locator('[data-test=ma-enrolled] .el-table__row', { hasText: member.name }).waitFor()
      await shot(page, '51-mutual-aid-enrolled')

      // the claim, filed by the cadre for the member: 3,456.79 yuan eligible
      const plans = await cadre.get(`/mutual-aid/plans?year=${year}&limit=200`)
      const plan = plans.items.find((p) => p.name === planName)
      assert(plan && plan.enrolments === 1, 'the plan has the one enrolment')
      const claim = await cadre.post('/cases', {
        type: 'mutual_aid_claim',
        plan_id: plan.id,
        membership_id: member.id,
        admission_date: today,
        discharge_date: today,
        total_cost_fen: 400000,
        eligible_cost_fen: 345679,
        hospital: '连云港市测试医院',
        diagnosis: '测试诊断'
      })
      // (3,456.79 − 1,000) × 50% = 1,228.395 → 1,228.40 (rounded half up to the fen)
      assert(claim.payload.proposed_benefit_fen === 122840, `proposed ${claim.payload.proposed_benefit_fen}`)

      // the cadre sees it in the inbox, opens it, approves it with the benefit explained
      await page.goto(`${base}/mutual-aid/claims`)
      await page.locator('[data-test=ma-claim-table] .el-table__row', { hasText: member.name }).first().waitFor()
      await page.goto(`${base}/mutual-aid/claims/${claim.id}`)
      await page.locator('[data-test=ma-benefit-steps]').waitFor()
      await page.locator('[data-test=ma-benefit]', { hasText: '1,228.40' }).waitFor()
      assert(/2,456\.79/.test(await page.locator('[data-test=ma-benefit-steps]').textContent()), 'the step above the deductible')
      await page.locator('[data-test=ma-approve]').click()
      await page.locator('.el-message-box__btns .el-button--primary').click()
      await page.locator('[data-test=case-state]', { hasText: '已批准' }).waitFor()
      await page.locator('[data-test=ma-benefit-steps]', { hasText: '核定补助金额' }).waitFor()
      await page.locator('[data-test=ma-benefit]', { hasText: '1,228.40' }).waitFor()
      // the health data, on request (audited)
      await page.locator('[data-test=ma-reveal]').click()
      await page.locator('[data-test=ma-sensitive]', { hasText: '测试诊断' }).waitFor()
      await shot(page, '52-mutual-aid-claim-approved')

      // the payment, dated the day of the approval
      await page.locator('[data-test=ma-pay]').click()
      await page.locator('[data-test=case-state]', { hasText: '已支付' }).waitFor()
      await page.locator('[data-test=ma-paid-on]').waitFor()
      await shot(page, '53-mutual-aid-claim-paid')
      const after = await cadre.get(`/cases/${claim.id}`)
      assert(after.state === 'paid' && after.payload.paid_fen === 122840, `state ${after.state}, paid ${after.payload.paid_fen}`)
    }],
    ['mutual aid: a member sees their plan, files a claim on the phone and sees the benefit', async (page) => {
      const cadre = await apiLogin(base, cadreA.username, cadreA.password)
      const admin = await apiLogin(base, 'admin', ctx.ADMIN_PASSWORD)
      const today = await serverToday(admin)
      const stamp = Date.now().toString(36).slice(-4).toUpperCase()
      // a plan of the union without a waiting period, a member of the union with an account, enrolled
      const plan = await cadre.post('/mutual-aid/plans', {
        name: `会员端互助计划${stamp}`, year: Number(today.slice(0, 4)), contribution_fen: 6000, waiting_days: 0,
        deductible_fen: 50000, ratio_bp: 6000, cap_per_claim_fen: 1000000, yearly_cap_fen: 2000000
      })
      const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
      const idNumber = makeIdNumber()
      const password = 'e2e-mutual-aid-member-2026'
      const m = await cadre.post('/members', { org_id: unionA.id, id_number: idNumber, name: `互助${stamp}`, phone, joined_on: '2024-05-01' })
      const { code } = await cadre.post(`/members/${m.id}/activation`, {})
      const res = await fetch(`${base}/api/activate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id_number: idNumber, code, password }) })
      assert(res.status === 201, `activate: ${res.status}`)
      await cadre.post(`/mutual-aid/plans/${plan.id}/enrolments`, { membership_ids: [m.id] })

      await login(page, phone, password, { form: true })
      await page.goto(`${base}/m/mutual-aid`)
      await page.locator('[data-test=m-ma-plan]', { hasText: plan.name }).waitFor()
      await page.locator('[data-test=m-ma-left]', { hasText: '20,000.00' }).waitFor()
      const input = (name) => page.locator(`[data-test=${name}] input, input[data-test=${name}]`).first()
      await input('ma-c-in').fill(today)
      await page.keyboard.press('Enter')
      await input('ma-c-out').fill(today)
      await page.keyboard.press('Enter')
      await input('ma-c-total').fill('2000')
      // more eligible than the total: refused next to the field
      await input('ma-c-eligible').fill('2500')
      await input('ma-c-hospital').fill('赣榆区测试医院')
      await input('ma-c-diagnosis').fill('测试诊断丙')
      await page.locator('[data-test=ma-c-submit]').click()
      await page.locator('[data-test=ma-claim-form] .el-form-item__error', { hasText: '不能高于' }).waitFor()
      await input('ma-c-eligible').fill('1234.56')
      await page.locator('[data-test=ma-c-submit]').click()
      // (1,234.56 − 500) × 60% = 440.736 → 440.74
      const claim = page.locator('[data-test=m-ma-claim]', { hasText: plan.name })
      await claim.waitFor()
      await claim.locator('[data-test=ma-benefit]', { hasText: '440.74' }).waitFor()
      await shot(page, '54-mutual-aid-member')
    }, { mobile: true }]
  ]
}
