// Browser tests of the console roster's cursor paging: the county federation's staff pages forward
// and back through the demo roster of 赣榆区 with the cursor (next_after), jumps to the first page,
// changes the page size and the filters (each starts again from the first page), and finds a demo
// member by the start of the name and by the start of the given name.

async function names(page) {
  await page.locator('[data-test=roster-table] .el-table__row').first().waitFor()
  return (await page.locator('[data-test=roster-name]').allTextContents()).map((x) => x.trim())
}

async function pageNo(page, n) {
  await page.locator(`[data-test=roster-page][data-page="${n}"]`).waitFor()
}

// waits until the table shows other rows than `before`
async function changed(page, before) {
  for (let i = 0; i < 100; i++) {
    const now = await names(page)
    if (now.join('|') !== before.join('|')) return now
    await page.waitForTimeout(100)
  }
  throw new Error('the roster did not change')
}

export default (ctx) => {
  const { base, h } = ctx
  return [
    ['roster cursor: pages forward and back by cursor, first page, page size, filters and a name search', async (page) => {
      await h.login(page, ctx.county.username, ctx.county.password)
      await page.goto(`${base}/members`)
      const p1 = await names(page)
      await pageNo(page, 1)
      h.assert(p1.length === 20, `20 rows by default, got ${p1.length}`)
      const total = Number(await page.locator('[data-test=roster-total]').getAttribute('data-total'))
      h.assert(total > 60, `the demo county has more than three pages: ${total}`)
      h.assert(/共 \d+ 人|\d+\+ 人/.test(await page.locator('[data-test=roster-total]').textContent()), 'the total reads in Chinese')
      h.assert(await page.locator('[data-test=roster-prev]').isDisabled(), 'no previous page on the first')
      // forward twice: each page continues after the last row of the one before
      await page.locator('[data-test=roster-next]').click()
      const p2 = await changed(page, p1)
      await pageNo(page, 2)
      h.assert(new URL(page.url()).searchParams.get('after'), `the cursor is in the URL: ${page.url()}`)
      h.assert(!new URL(page.url()).searchParams.get('offset'), 'no offset')
      h.assert(p2[0] >= p1[p1.length - 1], `name order across pages: ${p1[p1.length - 1]} then ${p2[0]}`)
      await page.locator('[data-test=roster-next]').click()
      const p3 = await changed(page, p2)
      await pageNo(page, 3)
      h.assert(p3[0] >= p2[p2.length - 1], 'name order across pages 2 and 3')
      // back: the page before comes from the kept cursors, the same rows again
      await page.locator('[data-test=roster-prev]').click()
      h.assert((await changed(page, p3)).join('|') === p2.join('|'), 'previous shows page 2 again')
      await pageNo(page, 2)
      // the browser's own back button too
      await page.goBack()
      h.assert((await changed(page, p2)).join('|') === p3.join('|'), 'back shows page 3 again')
      await page.locator('[data-test=roster-first]').click()
      h.assert((await changed(page, p3)).join('|') === p1.join('|'), 'first page')
      await pageNo(page, 1)
      h.assert(!new URL(page.url()).searchParams.get('after'), 'no cursor on the first page')
      // a smaller page size starts again from the first page
      await page.locator('[data-test=roster-next]').click()
      await changed(page, p1)
      await pageNo(page, 2)
      await h.chooseOption(page, page.locator('[data-test=roster-size]'), '50 条/页')
      await pageNo(page, 1)
      const big = await changed(page, p2)
      h.assert(big.length === 50, `50 rows a page, got ${big.length}`)
      h.assert(!new URL(page.url()).searchParams.get('after'), 'the size resets the cursor')
      // a filter starts again from the first page too
      await page.locator('[data-test=roster-next]').click()
      const b2 = await changed(page, big)
      await pageNo(page, 2)
      await h.chooseOption(page, page.locator('[data-test=roster-status]'), '全部（含已转出、退会等）')
      await page.locator('[data-test=roster-search]').click()
      await pageNo(page, 1)
      await changed(page, b2)
      h.assert(!new URL(page.url()).searchParams.get('after'), 'a filter resets the cursor')
      // a demo member by full name, by the start of the name, by the start of the given name
      const who = p1.find((n) => n.length >= 2) || p1[0]
      for (const q of [who, who.slice(0, 2), who.slice(1)]) {
        await page.locator('[data-test=roster-q]').fill(q)
        await page.locator('[data-test=roster-search]').click()
        await page.waitForURL((u) => new URL(u).searchParams.get('q') === q)
        await page.locator('[data-test=roster-table] .el-table__row', { hasText: who }).first().waitFor()
        const found = await names(page)
        h.assert(found.every((n) => n.startsWith(q) || n.slice(1).startsWith(q)), `every row matches ${q}: ${found.join(', ')}`)
        h.assert(!new URL(page.url()).searchParams.get('after'), 'a search starts on the first page')
      }
      await h.shot(page, 'roster-cursor')
    }]
  ]
}
