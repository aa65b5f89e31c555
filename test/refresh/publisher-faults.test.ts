import path from 'node:path'
import { readFileSync } from 'node:fs'
import zlib from 'node:zlib'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import type { FeedStatus } from '../../src/model/index.js'
import { refreshDueFeeds, refreshFeed, type RefreshDeps } from '../../src/refresh/index.js'
import { enableFeed, getFeedStatusOrThrow, subscribeFeed } from '../../src/store/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const RSS = readFileSync(path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml'))
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const INTERVALS = { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 }
const TIMEOUT_MS = 1500

/** A feed whose channel title is `title`, encoded in `encoding` and declaring `declared` in its prolog. */
function encodedFeed(title: string, encoding: string, declared = encoding): Buffer {
  const xml = `<?xml version="1.0" encoding="${declared}"?><rss version="2.0"><channel><title>${title}</title><link>https://enc.example/</link>` +
    `<item><guid>1</guid><title>${title}</title><link>https://enc.example/1</link></item></channel></rss>`
  return iconv.encode(xml, encoding)
}

/**
 * One route per way a publisher can misbehave (or behave), each asserted on the feed row it leaves
 * behind: status, error code, counts and the next fetch time. Times run on a clock that starts at the
 * real now, because Retry-After and Expires are read against it.
 */
describe.each(testDatabaseKinds())('refresh against faulty publishers on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let server: FixtureServer
  let client: FetchClient
  let clock = Date.now()
  let permanentHops = 0

  beforeAll(async () => {
    server = await startFixtureServer()
    client = new FetchClient({ timeoutMs: TIMEOUT_MS, maxBytes: 1 << 20, allowPrivateNetworks: true, userAgent: 'Tributary-test', maxRedirects: 5 })
    const rss = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/rss+xml', ...headers })
    server.route('/validators', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v2"' }).end()
      else if (req.headers['if-none-match'] === '"v2"') res.writeHead(304).end()
      else res.writeHead(200, rss({ etag: '"v1"', 'last-modified': 'Wed, 08 May 2024 17:45:00 GMT' })).end(RSS)
    })
    server.route('/gzip', (_req, res) => void res.writeHead(200, rss({ 'content-encoding': 'gzip' })).end(zlib.gzipSync(RSS)))
    server.route('/br', (_req, res) => void res.writeHead(200, rss({ 'content-encoding': 'br' })).end(zlib.brotliCompressSync(RSS)))
    server.route('/deflate', (_req, res) => void res.writeHead(200, rss({ 'content-encoding': 'deflate' })).end(zlib.deflateSync(RSS)))
    server.route('/gzip-bomb', (_req, res) => void res.writeHead(200, rss({ 'content-encoding': 'gzip' })).end(zlib.gzipSync(Buffer.alloc(64 << 20))))
    server.route('/one-gigabyte', (_req, res) => {
      res.writeHead(200, rss())
      const chunk = Buffer.alloc(1 << 20, 'a')
      let sent = 0
      const pump = (): void => {
        while (sent < 1024 && res.write(chunk)) sent++
        if (sent >= 1024) res.end()
        else res.once('drain', pump)
      }
      res.on('close', () => (sent = 1024))
      pump()
    })
    server.route('/trickle', (_req, res) => {
      res.writeHead(200, rss())
      const timer = setInterval(() => res.write('<'), 1000)
      res.on('close', () => clearInterval(timer))
    })
    server.route('/moved-permanently', (_req, res) => {
      permanentHops++
      res.writeHead(301, { location: '/new-home' }).end()
    })
    server.route('/new-home', (_req, res) => void res.writeHead(200, rss()).end(RSS))
    server.route('/moved-temporarily', (_req, res) => void res.writeHead(302, { location: '/new-home' }).end())
    server.route('/loop-a', (_req, res) => void res.writeHead(301, { location: '/loop-b' }).end())
    server.route('/loop-b', (_req, res) => void res.writeHead(301, { location: '/loop-a' }).end())
    server.route('/gone', (_req, res) => void res.writeHead(410).end())
    server.route('/rate-limited-seconds', (_req, res) => void res.writeHead(429, { 'retry-after': '5400' }).end())
    server.route('/rate-limited-date', (_req, res) => void res.writeHead(429, { 'retry-after': new Date(clock + 3 * HOUR).toUTCString() }).end())
    server.route('/unavailable', (_req, res) => void res.writeHead(503, { 'retry-after': '7200' }).end())
    server.route('/error', (_req, res) => void res.writeHead(500).end())
    server.route('/html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Blog</title><p>Welcome</p>'))
    server.route('/cp1251-in-header', (_req, res) =>
      void res.writeHead(200, { 'content-type': 'text/xml; charset=windows-1251' }).end(encodedFeed('Новости дня', 'windows-1251', 'utf-8')))
    for (const [name, encoding, title] of [
      ['koi8-r', 'koi8-r', 'Новости дня'], ['shift_jis', 'shift_jis', '今日のニュース'], ['euc-jp', 'euc-jp', '今日のニュース'],
      ['euc-kr', 'euc-kr', '오늘의 뉴스'], ['gb18030', 'gb18030', '今日新闻'], ['big5', 'big5', '今日新聞'],
      ['iso-8859-2', 'iso-8859-2', 'Dzisiejsze wiadomości'], ['windows-1252', 'windows-1252', 'Café • naïve'],
    ] as const) {
      server.route(`/charset/${name}`, (_req, res) => void res.writeHead(200, rss()).end(encodedFeed(title, encoding)))
    }
    server.route('/charset/utf-16', (_req, res) =>
      void res.writeHead(200, rss()).end(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(encodedFeed('Zürich – news', 'utf-8', 'utf-16').toString(), 'utf-16le')])))
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })
  beforeEach(() => {
    clock = Date.now()
  })

  function deps(): RefreshDeps {
    return { db: database().db, log: silentLogger(), fetchFeed: (r) => client.fetchFeed(r), readFeed: (input) => pool.readFeed(input), intervals: INTERVALS, redirectConfirmations: 3, now: () => new Date(clock), random: () => 0 }
  }

  async function refreshRoute(route: string): Promise<FeedStatus> {
    const { feed } = await subscribeFeed(database().db, { url: server.url(route), title: null, collections: [] })
    await refreshFeed(deps(), feed)
    return getFeedStatusOrThrow(database().db, feed.id)
  }

  async function refreshAgain(feed: FeedStatus): Promise<FeedStatus> {
    await refreshFeed(deps(), feed)
    return getFeedStatusOrThrow(database().db, feed.id)
  }

  const waited = (feed: FeedStatus): number => feed.nextFetchAt.getTime() - clock

  it('stores the validators of a 304 that carries new ones, and keeps them when it carries none (RFC 9111 §4.3.4)', async () => {
    const first = await refreshRoute('/validators')
    expect([first.etag, first.lastModified, first.itemCount]).toEqual(['"v1"', 'Wed, 08 May 2024 17:45:00 GMT', 3])
    const second = await refreshAgain(first)
    expect([second.etag, second.lastModified, second.lastStatus]).toEqual(['"v2"', 'Wed, 08 May 2024 17:45:00 GMT', 304])
    const third = await refreshAgain(second)
    // The fixture's newest item is from 2024: a feed that published nothing this week is polled daily, also after a 304.
    expect([third.etag, third.lastModified, third.lastStatus, waited(third)]).toEqual(['"v2"', 'Wed, 08 May 2024 17:45:00 GMT', 304, 24 * HOUR])
    const sent = server.requests.filter((r) => r.url === '/validators').map((r) => [r.headers['if-none-match'], r.headers['if-modified-since']])
    expect(sent).toEqual([[undefined, undefined], ['"v1"', 'Wed, 08 May 2024 17:45:00 GMT'], ['"v2"', 'Wed, 08 May 2024 17:45:00 GMT']])
  })

  it.each(['/gzip', '/br', '/deflate'])('decompresses %s', async (route) => {
    const feed = await refreshRoute(route)
    expect([feed.itemCount, feed.lastError, feed.lastStatus, waited(feed)]).toEqual([3, null, 200, 24 * HOUR])
  })

  it.each([
    ['/gzip-bomb', 'fetch_too_large', 200],
    ['/one-gigabyte', 'fetch_too_large', 200],
    ['/trickle', 'fetch_timeout', 200],
    ['/loop-a', 'fetch_redirect_loop', 301],
    ['/error', 'fetch_server_error', 500],
    ['/html', 'parse_html_page', 200],
  ])('records %s as %s and retries after 5 minutes of backoff', async (route, code, status) => {
    const feed = await refreshRoute(route)
    expect([feed.lastError?.code, feed.errorCount, feed.itemCount, feed.disabledReason, feed.retryAfter]).toEqual([code, 1, 0, null, null])
    expect(feed.lastStatus === null || feed.lastStatus === status).toBe(true)
    expect(waited(feed)).toBeGreaterThanOrEqual(5 * MINUTE)
    expect(waited(feed)).toBeLessThanOrEqual(5.5 * MINUTE)
    const again = await refreshAgain(feed)
    expect(again.errorCount).toBe(2)
    expect(waited(again)).toBeGreaterThanOrEqual(10 * MINUTE)
    expect(waited(again)).toBeLessThanOrEqual(11 * MINUTE)
  })

  it.each([
    ['/rate-limited-seconds', 'fetch_rate_limited', 429, 1.5 * HOUR],
    ['/rate-limited-date', 'fetch_rate_limited', 429, 3 * HOUR],
    ['/unavailable', 'fetch_server_error', 503, 2 * HOUR],
  ])('honours Retry-After on %s, even for fetch --all', async (route, code, status, wait) => {
    const feed = await refreshRoute(route)
    expect([feed.lastError?.code, feed.lastStatus]).toEqual([code, status])
    // Retry-After is resolved against the real clock and HTTP dates have whole seconds.
    expect(Math.abs(waited(feed) - wait)).toBeLessThan(5000)
    expect(feed.retryAfter).toEqual(feed.nextFetchAt)
    const passForAll = await refreshDueFeeds(deps(), { all: true, concurrency: 4, perHost: 2 })
    expect(passForAll.map((r) => r.feedId)).not.toContain(feed.id)
  })

  it('disables a feed on 410 Gone until it is re-enabled', async () => {
    const feed = await refreshRoute('/gone')
    expect([feed.lastError?.code, feed.lastStatus, feed.disabledReason]).toEqual(['fetch_gone', 410, 'gone: the server answered 410 Gone'])
    expect(await refreshDueFeeds({ ...deps(), now: () => new Date(clock + 30 * 86_400_000) }, { all: true, concurrency: 4, perHost: 2 })).toEqual([])
    await enableFeed(database().db, feed.id, new Date(clock))
    const enabled = await getFeedStatusOrThrow(database().db, feed.id)
    expect([enabled.disabledReason, enabled.errorCount, enabled.nextFetchAt.getTime()]).toEqual([null, 0, clock])
  })

  it('moves a feed after the same permanent redirect on three fetches in a row, and keeps the chain visible', async () => {
    let feed = await refreshRoute('/moved-permanently')
    const oldUrl = server.url('/moved-permanently')
    const newUrl = server.url('/new-home')
    expect([feed.url, feed.pendingRedirect, feed.itemCount]).toEqual([oldUrl, { url: newUrl, seen: 1 }, 3])
    expect(feed.lastRedirects).toEqual([{ from: oldUrl, to: newUrl, status: 301 }])
    feed = await refreshAgain(feed)
    expect([feed.url, feed.pendingRedirect]).toEqual([oldUrl, { url: newUrl, seen: 2 }])
    feed = await refreshAgain(feed)
    expect([feed.url, feed.pendingRedirect, feed.urlHistory]).toEqual([newUrl, null, [{ from: oldUrl, to: newUrl, at: new Date(clock) }]])
    const hopsBefore = permanentHops
    feed = await refreshAgain(feed)
    expect([permanentHops - hopsBefore, feed.lastRedirects, feed.itemCount]).toEqual([0, [], 3])
  })

  it('never moves a feed for a temporary redirect', async () => {
    let feed = await refreshRoute('/moved-temporarily')
    for (let i = 0; i < 3; i++) feed = await refreshAgain(feed)
    expect([feed.url, feed.pendingRedirect, feed.urlHistory, feed.itemCount]).toEqual([server.url('/moved-temporarily'), null, [], 3])
    expect(feed.lastRedirects).toEqual([{ from: server.url('/moved-temporarily'), to: server.url('/new-home'), status: 302 }])
  })

  it.each([
    ['/cp1251-in-header', 'Новости дня'],
    ['/charset/koi8-r', 'Новости дня'], ['/charset/shift_jis', '今日のニュース'], ['/charset/euc-jp', '今日のニュース'],
    ['/charset/euc-kr', '오늘의 뉴스'], ['/charset/gb18030', '今日新闻'], ['/charset/big5', '今日新聞'],
    ['/charset/iso-8859-2', 'Dzisiejsze wiadomości'], ['/charset/windows-1252', 'Café • naïve'], ['/charset/utf-16', 'Zürich – news'],
  ])('decodes %s', async (route, title) => {
    const feed = await refreshRoute(route)
    expect([feed.title, feed.itemCount, feed.lastError]).toEqual([title, 1, null])
  })

  it('refuses a private address when the guard is on', async () => {
    const guarded = new FetchClient({ timeoutMs: TIMEOUT_MS, maxBytes: 1 << 20, allowPrivateNetworks: false, userAgent: 't', maxRedirects: 5 })
    try {
      const { feed } = await subscribeFeed(database().db, { url: server.url('/new-home').replace('127.0.0.1', 'localhost'), title: null, collections: [] })
      await refreshFeed({ ...deps(), fetchFeed: (r) => guarded.fetchFeed(r) }, feed)
      const status = await getFeedStatusOrThrow(database().db, feed.id)
      expect([status.lastError?.code, status.itemCount]).toEqual(['fetch_blocked_address', 0])
    } finally {
      await guarded.close()
    }
  })

  it('fetches good feeds on time in a pass full of bad ones, with bounded memory', async () => {
    const good = await startFixtureServer()
    try {
      const goodUrls = Array.from({ length: 4 }, (_, n) => {
        good.route(`/good-${n}`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS))
        return good.url(`/good-${n}`)
      })
      const bad = ['/trickle', '/one-gigabyte', '/gzip-bomb', '/error', '/loop-a', '/gone', '/html', '/rate-limited-seconds']
      for (const url of [...bad.map((r) => server.url(r)), ...goodUrls]) {
        await subscribeFeed(database().db, { url, title: null, collections: [] })
      }
      const rssBefore = process.memoryUsage().rss
      const results = await refreshDueFeeds(deps(), { all: true, concurrency: 16, perHost: 2 })
      const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / (1 << 20)
      const byUrl = new Map(results.map((r) => [r.url, r]))
      for (const url of goodUrls) {
        expect(byUrl.get(url)).toMatchObject({ status: 'updated', created: 3 })
        expect(byUrl.get(url)!.durationMs).toBeLessThan(TIMEOUT_MS)
      }
      expect(results.filter((r) => r.status === 'failed')).toHaveLength(bad.length)
      expect(rssGrowthMb).toBeLessThan(128)
    } finally {
      await good.close()
    }
  })
})
