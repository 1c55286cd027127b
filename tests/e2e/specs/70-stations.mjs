// Browser tests of the service stations (户外劳动者服务站点): a member finds the nearest stations
// from typed coordinates, sees them nearest first with their distances, and with the test clock at
// a Monday noon (when the demo stations with split or evening hours are closed) filters to those
// open now; a county federation's staff keeps stations in the console (the editor refuses bad
// opening hours next to the field, then saves).

const NOON = '2030-01-07T12:00:00+08:00' // a Monday

async function setClock(base, iso) {
  const r = await fetch(`${base}/api/test/clock`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ now: iso }) })
  if (r.status !== 204) throw new Error(`PUT /api/test/clock: ${r.status} ${await r.text()}`)
}

async function items(page) {
  const list = page.locator('[data-test=station-item]')
  await list.first().waitFor()
  const n = await list.count()
  const out = []
  for (let i = 0; i < n; i++) {
    const it = list.nth(i)
    out.push({ id: await it.getAttribute('data-id'), distance: Number(await it.getAttribute('data-distance')), open: (await it.getAttribute('data-open')) === '1', text: await it.locator('[data-test=station-distance]').textContent() })
  }
  return out
}

export default (ctx) => {
  const { base, h } = ctx
  return [
    ['stations: a member finds the nearest stations by typed coordinates and filters those open now (test clock)', async (page) => {
      await setClock(base, NOON)
      try {
        // a worker's own account, made for this test (the clock moved: a fresh session)
        const phone = `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
        const password = 'e2e-station-finder-2026'
        const r = await fetch(`${base}/api/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ phone, id_number: h.makeIdNumber(), name: '站点测试', password })
        })
        h.assert(r.status === 201, `register: ${r.status} ${await r.text()}`)
        await h.login(page, phone, password, { form: true })
        await page.waitForURL((u) => u.pathname.startsWith('/m'))
        // the services hub leads to the finder
        await page.goto(`${base}/m/services`)
        await page.locator('[data-service=m-stations]').click()
        await page.locator('[data-test=station-finder]').waitFor()
        // a wrong latitude is refused next to the field, before any request
        await page.locator('[data-test=station-lat]').fill('95')
        await page.locator('[data-test=station-lng]').fill('119.12')
        await page.locator('[data-test=station-find]').click()
        await page.locator('[data-test=station-field-error]').waitFor()
        h.assert(/纬度/.test(await page.locator('[data-test=station-field-error]').textContent()), 'the error names the latitude, in Chinese')
        // 青口镇, the county seat of 赣榆区
        await page.locator('[data-test=station-lat]').fill('34.84')
        await page.locator('[data-test=station-find]').click()
        let all = await items(page)
        h.assert(all.length === 10, `ten stations by default, got ${all.length}`)
        for (let i = 1; i < all.length; i++) h.assert(all[i].distance >= all[i - 1].distance, `nearest first: ${all.map((x) => x.distance).join(', ')}`)
        h.assert(/米|公里/.test(all[0].text), `the distance reads in Chinese: ${all[0].text}`)
        const closed = all.filter((x) => !x.open)
        h.assert(closed.length >= 1, 'at Monday noon some of the nearest demo stations are closed (split or evening hours)')
        await page.locator('[data-test=station-closed-tag]').first().waitFor()
        // amenities show as tags with icons
        await page.locator('[data-test=station-item] [data-amenity=water]').first().waitFor()
        await h.shot(page, 'stations-finder')

        // only those open now
        await page.locator('[data-test=station-open-only]').click()
        await page.waitForFunction((ids) => {
          const got = [...document.querySelectorAll('[data-test=station-item]')].map((e) => e.getAttribute('data-id'))
          return got.length > 0 && !ids.some((id) => got.includes(id))
        }, closed.map((x) => x.id))
        all = await items(page)
        h.assert(all.length === 10, `still ten, all open: ${all.length}`)
        h.assert(all.every((x) => x.open), 'every station shown is open')
        h.assert(closed.every((c) => !all.some((x) => x.id === c.id)), 'the closed ones are gone')
        for (let i = 1; i < all.length; i++) h.assert(all[i].distance >= all[i - 1].distance, 'still nearest first')
        h.assert((await page.locator('[data-test=station-open-tag]').count()) === 10, 'each carries the open-now tag')
        // no tile server configured in this run: no map
        h.assert((await page.locator('[data-test=station-map]').count()) === 0, 'no map without a tile server')
        await h.shot(page, 'stations-finder-open-now')
      } finally {
        await setClock(base, new Date().toISOString())
      }
    }, { mobile: true }],

    ['stations: county staff keep the stations of their scope in the console', async (page) => {
      await h.login(page, ctx.county.username, ctx.county.password)
      await page.goto(`${base}/stations?q=${encodeURIComponent('青口镇')}`)
      await page.locator('[data-test=stations-table] .el-table__row', { hasText: '青口镇' }).first().waitFor()
      h.assert((await page.locator('[data-test=stations-table] .el-table__row').count()) === 6, 'the six demo stations of 青口镇 are listed')
      await page.locator('[data-test=station-create]').click()
      const dlg = page.locator('[data-test=station-dialog]')
      await dlg.waitFor()
      const name = `沙河镇测试驿站${Date.now().toString(36).slice(-4)}`
      await dlg.locator('[data-test=station-form-name]').fill(name)
      await dlg.locator('[data-test=station-form-address]').fill('赣榆区沙河镇振兴路18号')
      await dlg.locator('[data-test=station-form-lat]').fill('34.80')
      await dlg.locator('[data-test=station-form-lng]').fill('118.98')
      await dlg.locator('[data-amenity=charging]').click()
      await dlg.locator('[data-test=station-form-hours]').fill('周一到周五 8点到20点')
      await dlg.locator('[data-test=station-save]').click()
      // the server's refusal stands next to the hours field, in Chinese
      const err = dlg.locator('.el-form-item', { has: page.locator('[data-test=station-form-hours]') }).locator('.el-form-item__error')
      await err.waitFor()
      h.assert((await err.textContent()).includes('开放时间'), `hours error: ${await err.textContent()}`)
      await dlg.locator('[data-test=station-form-hours]').fill('mon-fri 08:00-20:00; sat,sun 09:00-17:00')
      const body = await h.requestBody(page, 'POST', '/stations', () => dlg.locator('[data-test=station-save]').click())
      h.assert(body.lat === 34.8 && body.lng === 118.98 && body.amenities.includes('charging'), `create body: ${JSON.stringify(body)}`)
      await dlg.waitFor({ state: 'hidden' })
      await page.locator('[data-test=stations-q]').fill(name)
      await page.locator('[data-test=stations-q]').press('Enter')
      const row = page.locator('[data-test=stations-table] .el-table__row', { hasText: name })
      await row.waitFor()
      h.assert((await row.textContent()).includes('周一至周五'), `hours shown in Chinese: ${await row.textContent()}`)
      await h.shot(page, 'stations-console')
    }]
  ]
}
