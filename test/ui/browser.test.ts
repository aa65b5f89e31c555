import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/test-database.js'
import { seedSite, type SeededSite } from './seed-site.js'
import { buildUiApp } from './ui-app.js'

// Debian's package; CI installs it (apt-get install chromium). playwright-core brings no browser of its own.
const CHROMIUM = '/usr/bin/chromium'
// Without the background-networking flags Chromium's own connections are refused in the sandbox and it stalls.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
const PAGE_SIZE = 25
// Under the suite's gitignored scratch folder, replaced on each run, so the last run's pages can be looked at.
const SHOT_DIR = path.resolve('.tmp/ui-screenshots')
// A blank page of this size compresses to well under 5 KB; a rendered page with text does not.
const MIN_SCREENSHOT_BYTES = 5_000

// One engine is enough here: the pages' SQL runs on every engine in pages.test.ts.
describe(`web UI in Chromium (${testDatabaseKinds()[0]!})`, () => {
  let database: TestDatabase
  let app: FastifyInstance
  let browser: Browser
  let page: Page
  let base: string
  let site: SeededSite
  const shots = new Map<string, Buffer>()

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`ui test: ${CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium)`)
    }
    database = await openTestDatabase(testDatabaseKinds()[0]!)
    site = await seedSite(database.db, new Date(), PAGE_SIZE)
    app = buildUiApp(database.db, 'https://planet.example')
    base = await app.listen({ host: '127.0.0.1', port: 0 })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } })
    await fs.rm(SHOT_DIR, { recursive: true, force: true })
    await fs.mkdir(SHOT_DIR, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await database?.close()
  })

  async function screenshot(name: string): Promise<Buffer> {
    const file = path.join(SHOT_DIR, `${name}.png`)
    const png = await page.screenshot({ path: file, fullPage: true })
    shots.set(name, png)
    return png
  }

  it('shows collections with subscribe links and feed health on the index', async () => {
    const response = await page.goto(`${base}/`)
    expect(response?.status()).toBe(200)
    await expect(page.title()).resolves.toBe('Tributary')
    const news = page.locator('#collection-news')
    await expect(news.getByRole('heading').textContent()).resolves.toContain('news')
    for (const [label, format] of [['Atom', 'atom'], ['RSS', 'rss'], ['JSON Feed', 'json']]) {
      await expect(news.getByRole('link', { name: label, exact: true }).getAttribute('href')).resolves.toBe(`https://planet.example/collections/news/feed.${format}`)
    }
    const atomLinks = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    await expect(atomLinks.evaluateAll((links) => links.map((link) => [link.getAttribute('title'), link.getAttribute('href')]))).resolves.toEqual([
      ['All feeds (Atom)', 'https://planet.example/collections/all/feed.atom'],
      ['news (Atom)', 'https://planet.example/collections/news/feed.atom'],
      ['papers (Atom)', 'https://planet.example/collections/papers/feed.atom'],
    ])
    await expect(page.locator('#collection-papers').textContent()).resolves.toContain('Daily <Paper> & Co')
    await expect(page.getByText('1 failing').isVisible()).resolves.toBe(true)
    await screenshot('index')
  })

  it('searches from the form, highlights matches, and follows the next page', async () => {
    await page.goto(`${base}/`)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click()
    await page.waitForURL(`${base}/search`)
    await page.getByRole('searchbox', { name: 'Search text' }).fill('river')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/search\?q=river&/)
    await expect(page.locator('ol.results > li').count()).resolves.toBe(PAGE_SIZE)
    await expect(page.locator('ol.results mark').first().textContent()).resolves.toMatch(/^river$/i)
    await expect(page.getByRole('searchbox', { name: 'Search text' }).inputValue()).resolves.toBe('river')
    await screenshot('search')
    await page.getByRole('link', { name: 'Next page →' }).click()
    await page.waitForURL(/cursor=/)
    await expect(page.locator('ol.results > li').count()).resolves.toBe(site.riverItems + 1 - PAGE_SIZE)
    await expect(page.getByRole('link', { name: 'Next page →' }).count()).resolves.toBe(0)
  })

  it('says what is wrong with a bad date, with status 400, in the page', async () => {
    const response = await page.goto(`${base}/search?q=river&since=last+week`)
    expect(response?.status()).toBe(400)
    await expect(page.getByRole('alert').textContent()).resolves.toContain('since: "last week" is not a date')
    await expect(page.getByRole('searchbox', { name: 'Search text' }).inputValue()).resolves.toBe('river')
  })

  it('opens a story from the results and lists both copies with why they were grouped', async () => {
    await page.goto(`${base}/search?q=${encodeURIComponent('"old bridge"')}&feed=${site.wireFeedId}`)
    await page.locator('ol.results > li').filter({ hasText: site.sharedTitle }).getByRole('link', { name: 'story' }).click()
    await page.waitForURL(/\/stories\/urn:uuid:/)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(site.sharedTitle)
    const copies = page.locator('ol.copies > li')
    await expect(copies.count()).resolves.toBe(2)
    await expect(copies.nth(0).textContent()).resolves.toContain('Started the story')
    await expect(copies.nth(1).textContent()).resolves.toContain('same canonical URL')
    await expect(copies.nth(1).getByRole('link', { name: 'Daily <Paper> & Co' }).count()).resolves.toBe(1)
    await screenshot('story')
  })

  it('shows the feed health table', async () => {
    await page.goto(`${base}/feeds`)
    const rows = page.locator('tbody > tr')
    await expect(rows.count()).resolves.toBe(3)
    await expect(rows.filter({ hasText: 'Daily <Paper> & Co' }).textContent()).resolves.toMatch(/failing 2×[\s\S]*fetch_http_5xx/)
    await expect(rows.filter({ hasText: 'Wire Service' }).getByRole('link', { name: 'JSON' }).getAttribute('href')).resolves.toBe(`/api/feeds/${site.wireFeedId}`)
    await expect(rows.filter({ hasText: 'quiet.example' }).textContent()).resolves.toContain('not fetched yet')
    await screenshot('feeds')
  })

  it('rendered every page into a distinct, non-trivial screenshot', () => {
    expect([...shots.keys()].sort()).toEqual(['feeds', 'index', 'search', 'story'])
    for (const [name, png] of shots) {
      expect([name, png.subarray(1, 4).toString('latin1')]).toEqual([name, 'PNG'])
      expect(png.length, `${name}.png in ${SHOT_DIR}`).toBeGreaterThan(MIN_SCREENSHOT_BYTES)
    }
    const distinct = new Set([...shots.values()].map((png) => png.toString('base64')))
    expect(distinct.size).toBe(shots.size)
  })
})
