import { sql } from 'kysely'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { refreshDueFeeds, refreshFeed, type RefreshDeps } from '../../src/refresh/index.js'
import type { FeedDocument } from '../../src/worker-pool/index.js'
import { getFeedStatusOrThrow, listItems, subscribeFeed } from '../../src/store/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const RSS = path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml')
const NOW = new Date('2026-03-01T10:00:00.000Z')
const HOUR = 3_600_000

// One wire story as two sites publish it: their own links, title suffixes and boilerplate.
const STORY = [
  'Heavy rain overnight pushed the Aldwater river over its banks near the old stone bridge, and the county closed the crossing to traffic early on Monday morning.',
  'Engineers inspected the piers at first light and found water scouring the foundations on the northern side of the span, a spokeswoman for the highways department said.',
  'Commuters were sent on a twelve mile detour, and the regional bus company said services would run up to forty minutes late for the rest of the week.',
]

function siteFeed(site: string, boilerplate: string): string {
  const body = [...STORY, boilerplate].map((p) => `<p>${p}</p>`).join('')
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${site}</title><link>https://${site}.example/</link>
    <item><guid>${site}-1</guid><link>https://${site}.example/news/aldwater-${site}</link><title>Aldwater flood closes old stone bridge | ${site}</title>
    <pubDate>Sun, 01 Mar 2026 08:00:00 GMT</pubDate><description><![CDATA[${body}]]></description></item>
    <item><guid>${site}-2</guid><link>https://${site}.example/news/other-${site}</link><title>Other news from ${site} | ${site}</title>
    <pubDate>Sun, 01 Mar 2026 07:00:00 GMT</pubDate><description>Nothing else happened in ${site} today.</description></item>
  </channel></rss>`
}

describe.each(testDatabaseKinds())('refreshFeed on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let server: FixtureServer
  let client: FetchClient

  beforeAll(async () => {
    server = await startFixtureServer()
    client = new FetchClient({ timeoutMs: 2000, maxBytes: 64 * 1024, allowPrivateNetworks: true, userAgent: 'test', maxRedirects: 5 })
    server.file('/ok.xml', RSS, { 'content-type': 'application/rss+xml' })
    server.route('/broken', (_req, res) => void res.writeHead(500).end('boom'))
    server.route('/gone', (_req, res) => void res.writeHead(410).end())
    server.route('/busy', (_req, res) => void res.writeHead(429, { 'retry-after': '7200' }).end())
    server.route('/html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Moved</body></html>'))
    server.route('/slow', () => undefined)
    const laughs = ['<!ENTITY lol "lol">', ...Array.from({ length: 8 }, (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n === 0 ? '' : n};`.repeat(10)}">`)].join('')
    server.route('/laughs.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(`<?xml version="1.0"?><!DOCTYPE rss [${laughs}]><rss version="2.0"><channel><title>Laughing Feed &lol8;</title><item><guid>1</guid><title>&lol8;</title></item></channel></rss>`))
    for (const [site, boilerplate] of [['Herald', 'You may also like: our newsletter.'], ['Courier', 'Comments are closed. We use cookies.']]) {
      server.route(`/${site}.xml`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(siteFeed(site!, boilerplate!)))
    }
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })

  function deps(): RefreshDeps {
    return { db: database().db, log: silentLogger(), fetchFeed: (r) => client.fetchFeed(r), readFeed: (input) => pool.readFeed(input), intervals: { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 }, redirectConfirmations: 3, now: () => NOW }
  }

  async function subscribe(route: string) {
    return (await subscribeFeed(database().db, { url: server.url(route), title: null, collections: [] })).feed
  }

  it('stores items and schedules the next fetch from the feed\'s publishing rate', async () => {
    const feed = await subscribe('/ok.xml')
    const result = await refreshFeed({ ...deps(), random: () => 0 }, feed)
    expect(result).toMatchObject({ status: 'updated', created: 3, updated: 0, unchanged: 0 })
    const status = await getFeedStatusOrThrow(database().db, feed.id)
    expect(status).toMatchObject({ title: 'Tributary RSS Fixture', itemCount: 3, errorCount: 0, lastError: null, lastSuccessAt: NOW })
    // Its newest item is from 2024: nothing published this week, so it is polled at the maximum, a day.
    expect(status.nextFetchAt).toEqual(new Date(NOW.getTime() + 24 * HOUR))
  })

  it('groups the same story from two feeds into one, by its text, and says why', async () => {
    const herald = await subscribe('/Herald.xml')
    const courier = await subscribe('/Courier.xml')
    expect(await refreshFeed(deps(), herald)).toMatchObject({ status: 'updated', created: 2, matches: { first: 2 } })
    const second = await refreshFeed(deps(), courier)
    expect(second).toMatchObject({ status: 'updated', created: 2 })
    expect(second.status === 'updated' && second.matches.first).toBe(1)
    const items = (await listItems(database().db, { limit: 10 })).items
    const copies = items.filter((i) => i.title.startsWith('Aldwater'))
    expect(copies.map((i) => i.storyId)).toEqual([copies[0]!.storyId, copies[0]!.storyId])
    expect(copies.map((i) => i.matchRule).sort()).toEqual([expect.stringMatching(/^(fingerprint|lead)$/), 'first'])
    expect(new Set(items.map((i) => i.storyId)).size).toBe(3)
  })

  it('reads in full only the entries that changed since the last stored document', async () => {
    const entry = (n: number, text: string) => `<item><guid>e${n}</guid><link>https://site.example/${n}</link><title>Entry ${n}</title>
      <pubDate>Sun, 01 Mar 2026 0${n}:00:00 GMT</pubDate><description><![CDATA[<p>${text}</p>]]></description></item>`
    let body = [entry(1, 'First text.'), entry(2, 'Second text.')]
    server.route('/changing.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Changing</title>${body.join('')}</channel></rss>`))
    const feed = await subscribe('/changing.xml')
    const documents: FeedDocument[] = []
    let clock = NOW
    const reading: RefreshDeps = {
      ...deps(),
      now: () => clock,
      readFeed: async (input) => {
        const document = await pool.readFeed(input)
        documents.push(document)
        return document
      },
    }
    expect(await refreshFeed(reading, feed)).toMatchObject({ status: 'updated', created: 2 })
    body = [entry(1, 'First text.'), entry(2, 'Second text, edited.'), entry(3, 'Third text.')]
    clock = new Date(NOW.getTime() + HOUR)
    expect(await refreshFeed(reading, feed)).toMatchObject({ status: 'updated', created: 1, updated: 1, unchanged: 1 })
    expect(documents[1]!.items.map((i) => [i.title, i.unchanged === true, i.contentHtml, i.match !== undefined])).toEqual([
      ['Entry 1', true, null, false],
      ['Entry 2', false, '<p>Second text, edited.</p>', true],
      ['Entry 3', false, '<p>Third text.</p>', true],
    ])
    const rows = await database().db.selectFrom('items').select(['title', 'content_html', 'last_seen_at']).where('feed_id', '=', feed.id).orderBy('title').execute()
    expect(rows.map((r) => [r.title, r.content_html, new Date(r.last_seen_at).toISOString()])).toEqual([
      ['Entry 1', '<p>First text.</p>', clock.toISOString()],
      ['Entry 2', '<p>Second text, edited.</p>', clock.toISOString()],
      ['Entry 3', '<p>Third text.</p>', clock.toISOString()],
    ])
  })

  it.each([
    ['/broken', 'fetch_server_error', null],
    ['/gone', 'fetch_gone', 'gone: the server answered 410 Gone'],
    ['/html', 'parse_html_page', null],
    ['/laughs.xml', 'parse_entity_expansion', null],
  ])('records a failure of %s as %s on the feed, and backs off', async (route, code, disabledReason) => {
    const feed = await subscribe(route)
    const result = await refreshFeed(deps(), feed)
    expect(result).toMatchObject({ status: 'failed', code })
    const status = await getFeedStatusOrThrow(database().db, feed.id)
    expect(status).toMatchObject({ errorCount: 1, lastError: { code }, disabledReason, lastSuccessAt: null, lastFetchedAt: NOW, title: null, itemCount: 0 })
    // First retry: 5 minutes plus at most 10% jitter.
    expect(status.nextFetchAt.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(300_000)
    expect(status.nextFetchAt.getTime() - NOW.getTime()).toBeLessThanOrEqual(330_000)
  })

  it('waits for Retry-After on 429 and counts consecutive failures', async () => {
    // Retry-After is read against the real clock, so this test runs on it too.
    const realDeps = { ...deps(), now: () => new Date() }
    const feed = await subscribe('/busy')
    const before = Date.now()
    await refreshFeed(realDeps, feed)
    const once = await getFeedStatusOrThrow(database().db, feed.id)
    expect(once.nextFetchAt.getTime()).toBeGreaterThanOrEqual(before + 2 * HOUR - 1000)
    expect(once.nextFetchAt.getTime()).toBeLessThanOrEqual(Date.now() + 2 * HOUR)
    await refreshFeed(realDeps, once)
    expect((await getFeedStatusOrThrow(database().db, feed.id)).errorCount).toBe(2)
  })

  it.each([
    ['admin_shutdown', 'store_unavailable', 0],
    ['check_violation', 'internal_error', 1],
  ])('storing fails with %s: %s, counted against the feed %i times', async (errcode, code, errorCount) => {
    const { db } = database()
    const feed = await subscribe('/ok.xml')
    await sql`create function refuse_items() returns trigger language plpgsql as $$ begin raise exception 'refused' using errcode = ${sql.lit(errcode)}; end $$`.execute(db)
    await sql`create trigger refuse_items before insert on items for each row execute function refuse_items()`.execute(db)
    const result = await refreshFeed(deps(), feed).finally(async () => {
      // The test database is reset by emptying tables: the trigger must go with this test.
      await sql`drop trigger refuse_items on items`.execute(db)
      await sql`drop function refuse_items`.execute(db)
    })
    expect(result).toMatchObject({ status: 'failed', code })
    // A server going away is not the feed's fault: nothing is recorded, its lease runs out and it is fetched again.
    const status = await getFeedStatusOrThrow(db, feed.id)
    expect([status.errorCount, status.lastError?.code ?? null, status.itemCount]).toEqual([errorCount, errorCount === 0 ? null : code, 0])
  })

  it('keeps going past failing and hanging feeds in one pass', async () => {
    for (const route of ['/slow', '/broken', '/ok.xml', '/gone']) await subscribe(route)
    // A second ahead: a feed is due from SQL now() (microseconds) at subscription, and a pass started in
    // the same millisecond (a Date's precision) would leave it to the next pass.
    const results = await refreshDueFeeds({ ...deps(), now: () => new Date(Date.now() + 1000) }, { all: false, concurrency: 2, perHost: 2 })
    expect(results.map((r) => [r.status, r.status === 'failed' ? r.code : null])).toEqual([
      ['failed', 'fetch_timeout'], ['failed', 'fetch_server_error'], ['updated', null], ['failed', 'fetch_gone'],
    ])
  })
})
