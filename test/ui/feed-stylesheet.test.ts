import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { subscribeFeed } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/test-database.js'
import { buildUiApp } from './ui-app.js'

// Debian's package, as in browser.test.ts. Chromium 156 still applies XSLT (with a deprecation
// banner); when Chromium drops it, this test says so by failing on the heading.
const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
// Apart from browser.test.ts's folder, which that test empties when it starts.
const SHOT_DIR = path.resolve('.tmp/ui-feed-screenshots')
const HOUR_MS = 3_600_000
const T0 = new Date('2026-03-01T12:00:00Z')
const FISH = 'Fish & chips <3 "to go"'

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe(`feeds in Chromium through the XSLT stylesheet (${testDatabaseKinds()[0]!})`, () => {
  let database: TestDatabase
  let app: FastifyInstance
  let browser: Browser
  let page: Page
  let base: string

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`ui test: ${CHROMIUM} is missing; install Debian's chromium package (apt-get install -y chromium)`)
    }
    database = await openTestDatabase(testDatabaseKinds()[0]!)
    const { db } = database
    const wire = (await subscribeFeed(db, { url: 'https://wire.example/feed.xml', title: 'Wire & Co', collections: ['news'] })).feed
    const paper = (await subscribeFeed(db, { url: 'https://paper.example/rss', title: 'Daily <Paper>', collections: ['news'] })).feed
    const at = (hours: number) => new Date(T0.getTime() - hours * HOUR_MS)
    await storeFeedItems(db, wire, wire.title, identifyItems([
      buildItem({ guid: 'w0', url: 'https://wire.example/fish', title: FISH, publishedAt: at(0) }),
      ...[1, 2, 3, 4].map((n) => buildItem({ guid: `w${n}`, url: `https://wire.example/${n}`, title: `Wire report ${n}`, publishedAt: at(n) })),
    ]), T0)
    await storeFeedItems(db, paper, paper.title, identifyItems([
      buildItem({ guid: 'p1', url: 'https://wire.example/fish?utm_source=paper', title: `${FISH} (Paper)`, publishedAt: at(-0.5) }),
    ]), T0)
    // The public URL is where the browser reaches the app, so paging links stay on it.
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    app = buildUiApp(db, base)
    await app.listen({ host: '127.0.0.1', port })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    page = await browser.newPage({ viewport: { width: 900, height: 800 } })
    await fs.rm(SHOT_DIR, { recursive: true, force: true })
    await fs.mkdir(SHOT_DIR, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await database?.close()
  })

  // The browser loads the XML, then replaces it with the stylesheet's page: wait for that page.
  async function transformed(): Promise<void> {
    await page.locator('#subscribe').waitFor()
  }

  for (const [format, label] of [['rss', 'RSS 2.0'], ['atom', 'Atom 1.0']] as const) {
    it(`shows the ${label} feed as a page that says what it is and how to subscribe`, async () => {
      const first = `${base}/collections/news/feed.${format}?limit=3`
      const response = await page.goto(first)
      await transformed()
      expect([response?.status(), response?.headers()['content-type']]).toEqual([200, 'application/xml; charset=utf-8'])
      await expect(page.title()).resolves.toBe('news · web feed')
      await expect(page.locator('.kind').textContent()).resolves.toBe(`Web feed · ${label}`)
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('news')
      await expect(page.locator('#subscribe').textContent()).resolves.toBe('This is a web feed — copy its URL into your feed reader to subscribe')
      await expect(page.locator('code.url').textContent()).resolves.toBe(first)
      for (const [name, other] of [['Atom', 'atom'], ['RSS', 'rss'], ['JSON Feed', 'json']]) {
        const href = await page.getByRole('link', { name, exact: true }).getAttribute('href')
        expect(new URL(href!, page.url()).href).toBe(`${base}/collections/news/feed.${other}`)
      }
      await expect(page.getByRole('link', { name: 'All collections' }).getAttribute('href')).resolves.toBe(`${base}/`)

      const entries = page.locator('ol.entries > li')
      await expect(entries.locator('h3').allTextContents()).resolves.toEqual([FISH, 'Wire report 1', 'Wire report 2'])
      await expect(entries.first().getByRole('link').getAttribute('href')).resolves.toBe('https://wire.example/fish')
      await expect(entries.locator('.meta').allTextContents()).resolves.toEqual([
        '01 Mar 2026 12:00 UTC · from Wire & Co, Daily <Paper>',
        '01 Mar 2026 11:00 UTC · from Wire & Co',
        '01 Mar 2026 10:00 UTC · from Wire & Co',
      ])
      await expect(page.locator('script').count()).resolves.toBe(0)
      await page.screenshot({ path: path.join(SHOT_DIR, `${format}.png`), fullPage: true })

      await expect(page.getByRole('link', { name: '← Newer entries' }).count()).resolves.toBe(0)
      await page.getByRole('link', { name: 'Older entries →' }).click()
      await page.waitForURL(/cursor=/)
      await transformed()
      await expect(page.locator('ol.entries > li h3').allTextContents()).resolves.toEqual(['Wire report 3', 'Wire report 4'])
      await expect(page.locator('code.url').textContent()).resolves.toBe(first)
      await expect(page.getByRole('link', { name: 'Older entries →' }).count()).resolves.toBe(0)
      await page.getByRole('link', { name: '← Newer entries' }).click()
      await page.waitForURL(first)
      await transformed()
      await expect(page.locator('ol.entries > li h3').first().textContent()).resolves.toBe(FISH)
    })
  }
})
