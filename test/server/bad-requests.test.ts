import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { resolveFeedUrl } from '../../src/refresh/index.js'
import { buildApp } from '../../src/server/index.js'
import { subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const TOKEN = 'correct horse battery staple'
const auth = { authorization: `Bearer ${TOKEN}` }
const cursor = (text: string): string => Buffer.from(text).toString('base64url')
const badRequest = (message: string) => ({ error: { code: 'bad_request', message } })

// Issue 12: every bad request is a 4xx with SPEC's error shape, never a 500.
describe.each(testDatabaseKinds())('bad requests on %s', (kind) => {
  const pool = useWorkerPool()
  // One database and app for the file: the tests only read, or write what no other test looks at.
  let database: TestDatabase
  let publisher: FixtureServer
  // Subscribing fetches through one of these: the first may reach the fixture server on 127.0.0.1, the
  // second refuses private addresses as production does; the third gives up after 200 ms.
  let client: FetchClient
  let guardedClient: FetchClient
  let impatientClient: FetchClient
  let app: FastifyInstance

  beforeAll(async () => {
    publisher = await startFixtureServer()
    publisher.file('/feed.xml', path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml'), { 'content-type': 'application/rss+xml' })
    publisher.route('/text', (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('just some words, no feed'))
    // Answers only once the client has given up.
    publisher.route('/slow', (_req, res) => void setTimeout(() => res.writeHead(200).end(), 2000))
    const options = { maxBytes: 1 << 20, userAgent: 'test', maxRedirects: 5 }
    client = new FetchClient({ ...options, timeoutMs: 5000, allowPrivateNetworks: true })
    guardedClient = new FetchClient({ ...options, timeoutMs: 5000, allowPrivateNetworks: false })
    impatientClient = new FetchClient({ ...options, timeoutMs: 200, allowPrivateNetworks: true })
    database = await openTestDatabase(kind)
    const { feed } = await subscribeFeed(database.db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })
    await upsertFeedItems(database.db, feed.id, identifyItems([
      buildItem({ guid: '1', url: 'https://a.example/1', title: 'First river', publishedAt: new Date('2026-01-01T00:00:00Z') }),
      buildItem({ guid: '2', url: 'https://a.example/2', title: 'Second river', publishedAt: new Date('2026-01-02T00:00:00Z') }),
    ]), new Date('2026-01-03T00:00:00Z'))
    app = appFetchingWith(client)
  })
  afterAll(async () => {
    await app.close()
    await database.close()
    await Promise.all([client.close(), guardedClient.close(), impatientClient.close()])
    await publisher.close()
  })

  function appFetchingWith(fetcher: FetchClient): FastifyInstance {
    const { db } = database
    return buildApp({
      db,
      config: { publicUrl: 'https://planet.example', adminToken: TOKEN, feedMaxAgeSeconds: 600, websubHub: null, feedIconUrl: null },
      resolveFeed: (url: string) => resolveFeedUrl({ fetchFeed: (request) => fetcher.fetchFeed(request), probe: (input) => pool.probe(input) }, url),
      metrics: createMetrics({ queueLagSeconds: async () => 0 }),
    }, silentLogger())
  }

  describe('text PostgreSQL cannot store is refused at the boundary, naming where it is', () => {
    it.each([
      ['a query parameter', '/api/items?q=%00', 'querystring /q must not contain U+0000 (NUL)'],
      ['a filter', '/api/items?author=a%00b', 'querystring /author must not contain U+0000 (NUL)'],
      ['an unknown parameter', '/opml?x=%00', 'querystring /x must not contain U+0000 (NUL)'],
      ['a collection name', '/api/collections/%00', 'params /name must not contain U+0000 (NUL)'],
      ['a merged feed\'s collection', '/collections/news%00/feed.atom', 'params /name must not contain U+0000 (NUL)'],
      ['a numeric path parameter', '/api/items/1%00', 'params /id must not contain U+0000 (NUL)'],
    ])('in %s: %s', async (_what, url, message) => {
      const response = await app.inject({ url })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(message)])
    })

    it.each([
      ['a string field', { name: 'x', title: 'a\u0000b' }, 'body /title must not contain U+0000 (NUL)'],
      ['the name', { name: 'x\u0000' }, 'body /name must not contain U+0000 (NUL)'],
      ['an array element', { name: 'x', include: ['ok', '\ud800'] }, 'body /include/1 must not contain an unpaired surrogate (U+D800)'],
      ['a trailing low surrogate', { name: 'x', exclude: ['a\udfff'] }, 'body /exclude/0 must not contain an unpaired surrogate (U+DFFF)'],
      ['a key', { name: 'x', 'ti\u0000tle': 'a' }, 'body must not have a key containing U+0000 (NUL)'],
    ])('in a JSON body, %s', async (_what, payload, message) => {
      const response = await app.inject({ method: 'POST', url: '/api/collections', headers: auth, payload })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(message)])
      expect((await app.inject({ url: '/api/collections/x' })).statusCode).toBe(404)
    })

    it('keeps text with a surrogate pair (an emoji) and other control characters', async () => {
      const created = await app.inject({ method: 'POST', url: '/api/collections', headers: auth, payload: { name: 'emoji', title: 'Rivers \ud83c\udf0a\u0001' } })
      expect([created.statusCode, created.json().title]).toEqual([201, 'Rivers \ud83c\udf0a\u0001'])
      expect((await app.inject({ url: '/api/items?q=%F0%9F%8C%8A' })).statusCode).toBe(200)
    })

    it('answers a page with an error page', async () => {
      for (const url of ['/stories/%00', '/search?q=river%00']) {
        const response = await app.inject({ url })
        expect([response.statusCode, response.headers['content-type']]).toEqual([400, 'text/html; charset=utf-8'])
        expect(response.body).toContain('must not contain U+0000 (NUL)')
      }
    })
  })

  describe('numbers beyond a double and URLs the router cannot read are refused too', () => {
    it.each([
      ['a query parameter', '/api/items?feed=1e309', 'querystring /feed must be a finite number'],
      ['a path parameter', '/api/items/1e309', 'params /id must be a finite number'],
      ['a negative one', '/api/feeds/-1e309', 'params /id must be a finite number'],
      ['a path that is not UTF-8', '/api/collections/%ED%A0%80', '\'/api/collections/%ED%A0%80\' is not a valid url component'],
    ])('in %s: %s', async (_what, url, message) => {
      const response = await app.inject({ url })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(message)])
    })

    it('in a JSON body', async () => {
      const response = await app.inject({
        method: 'POST', url: '/api/collections', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"name":"big","max_age_seconds":1e309}',
      })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest('body /max_age_seconds must be a finite number')])
    })

    it('a path parameter longer than the router takes is a 414 in the same shape', async () => {
      const url = `/api/collections/${'a'.repeat(101)}`
      const response = await app.inject({ url })
      expect([response.statusCode, response.json()]).toEqual([414, badRequest(`'${url}' is exceeding the max param length`)])
    })

    it('names the start of the path into a deeply nested body', async () => {
      const payload = `${'['.repeat(1000)}"\\u0000"${']'.repeat(1000)}`
      const response = await app.inject({ method: 'POST', url: '/api/collections', headers: { ...auth, 'content-type': 'application/json' }, payload })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(`body ${'/0'.repeat(50)}… must not contain U+0000 (NUL)`)])
    })
  })

  describe('cursors are refused unless every number is within the range it is used in', () => {
    it.each([
      ['a time beyond JS Date', '/api/items', '9999999999999999.1'],
      ['a time before year 1', '/api/items', '-62135596800001.1'],
      ['an id beyond 2^53', '/api/items', '1767225600000.9999999999999999'],
      ['a rank that overflows a real', '/api/items?q=river&sort=rank', 'r:1e39:1:1'],
      ['a rank that underflows a real', '/api/items?q=river&sort=rank', 'r:1e-50:1:1'],
      ['a window beyond 2^53', '/api/items?q=river&sort=rank', 'r:0.1:1:9999999999999999'],
      ['an older page of a merged feed', '/collections/news/feed.atom', '9999999999999999.1'],
      ['a newer page of a merged feed', '/collections/news/feed.atom', 'n:1767225600000.9999999999999999'],
    ])('%s', async (_what, url, text) => {
      const response = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor(text)}` })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(`cursor: invalid cursor "${cursor(text)}"`)])
    })

    it('still follows the cursors it hands out', async () => {
      const first = (await app.inject({ url: '/api/items?limit=1' })).json()
      const second = (await app.inject({ url: `/api/items?limit=1&cursor=${first.next_cursor}` })).json()
      expect(second.items.map((i: { title: string }) => i.title)).toEqual(['First river'])
      const ranked = (await app.inject({ url: '/api/items?q=river&sort=rank&limit=1' })).json()
      expect((await app.inject({ url: `/api/items?q=river&sort=rank&limit=1&cursor=${ranked.next_cursor}` })).json().items).toHaveLength(1)
    })
  })

  describe('impossible dates are a 400 with a clear message', () => {
    it.each([
      ['a leap second', 'since=2024-06-30T23:59:60Z', 'since: "2024-06-30T23:59:60Z" is not a real time: leap seconds (second 60) cannot be stored; use 59'],
      ['year 0', 'until=0000-01-01T00:00:00Z', 'until: "0000-01-01T00:00:00Z" is out of range: use a time from 0001-01-01 to 9999-12-31 UTC'],
      ['30 February', 'since=2024-02-30T00:00:00Z', 'querystring /since must match format "date-time"'],
      ['month 13', 'until=2024-13-01T00:00:00Z', 'querystring /until must match format "date-time"'],
      ['a five-digit year', 'since=%2B275760-09-13T00:00:00Z', 'querystring /since must match format "date-time"'],
    ])('%s', async (_what, query, message) => {
      const response = await app.inject({ url: `/api/items?${query}` })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest(message)])
    })

    it('keeps the search form, with the message beside it', async () => {
      const response = await app.inject({ url: '/search?q=river&since=2024-02-30' })
      expect(response.statusCode).toBe(400)
      expect(response.body).toContain('since: &quot;2024-02-30&quot; is not a real time: month 2 of year 2024 has 29 days')
      const leap = await app.inject({ url: '/search?q=river&until=2024-06-30T23:59:60Z' })
      expect(leap.statusCode).toBe(400)
      expect(leap.body).toContain('until: &quot;2024-06-30T23:59:60Z&quot; is not a real time: leap seconds (second 60) cannot be stored; use 59')
    })

    it('accepts the first and last instants it can store', async () => {
      const response = await app.inject({ url: '/api/items?since=0001-01-01T00:00:00Z&until=9999-12-31T23:59:59.999Z' })
      expect([response.statusCode, response.json().items.length]).toEqual([200, 2])
      expect((await app.inject({ url: '/search?since=0001-01-01&until=9999-12-31' })).statusCode).toBe(200)
    })
  })

  describe('a URL that cannot be fetched or is not a feed is a 422 with the fetch error\'s code', () => {
    async function subscribe(fetcher: FetchClient, url: string) {
      const withFetcher = fetcher === client ? app : appFetchingWith(fetcher)
      try {
        const response = await withFetcher.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url } })
        return { status: response.statusCode, body: response.json() }
      } finally {
        if (withFetcher !== app) await withFetcher.close()
      }
    }

    it('a blocked address', async () => {
      expect(await subscribe(guardedClient, 'http://127.0.0.1:9/feed')).toEqual({
        status: 422,
        body: { error: { code: 'fetch_blocked_address', message: 'fetch: refusing to connect to blocked address 127.0.0.1 in http://127.0.0.1:9/feed' } },
      })
    })

    it('a name that does not resolve', async () => {
      // .invalid never resolves (RFC 6761 §6.4).
      const { status, body } = await subscribe(client, 'http://feed.tributary.invalid/feed.xml')
      expect([status, body.error.code]).toEqual([422, 'fetch_dns'])
      expect(body.error.message).toMatch(/^fetch: cannot resolve feed\.tributary\.invalid \((ENOTFOUND|EAI_AGAIN)\) for http:\/\/feed\.tributary\.invalid\/feed\.xml$/)
    })

    it('an upstream 404', async () => {
      const url = publisher.url('/missing.xml')
      expect(await subscribe(client, url)).toEqual({
        status: 422, body: { error: { code: 'fetch_client_error', message: `fetch: unexpected status 404 from ${url}` } },
      })
    })

    it('a timeout', async () => {
      const url = publisher.url('/slow')
      expect(await subscribe(impatientClient, url)).toEqual({
        status: 422, body: { error: { code: 'fetch_timeout', message: `fetch: timed out after 200 ms fetching ${url}` } },
      })
    })

    it('a document that is not a feed', async () => {
      const { status, body } = await subscribe(client, publisher.url('/text'))
      expect([status, body.error.code]).toEqual([422, 'parse_unknown_format'])
    })

    it('and subscribes nothing, while a feed still subscribes', async () => {
      await subscribe(client, publisher.url('/missing.xml'))
      const urls = async () => (await app.inject({ url: '/api/feeds' })).json().map((f: { url: string }) => f.url)
      expect(await urls()).toEqual(['https://a.example/feed'])
      expect((await subscribe(client, publisher.url('/feed.xml'))).status).toBe(201)
      expect(await urls()).toEqual(['https://a.example/feed', publisher.url('/feed.xml')])
    })
  })

  describe('authentication comes before the body', () => {
    it.each([
      ['POST', '/api/feeds', { nope: 1 }],
      ['POST', '/api/feeds', { url: 'a\u0000' }],
      ['POST', '/api/collections', { name: 7, extra: true }],
      ['PATCH', '/api/collections/news', { per_source_cap: 0 }],
      ['DELETE', '/api/feeds/not-a-number', undefined],
    ] as const)('%s %s with a bad body and no token is 401', async (method, url, payload) => {
      const response = await app.inject({ method, url, ...(payload !== undefined && { payload }) })
      expect([response.statusCode, response.json()]).toEqual([401, { error: { code: 'unauthorized', message: 'a valid "Authorization: Bearer <token>" header is required' } }])
    })

    it('a body that is not JSON and no token is 401', async () => {
      const response = await app.inject({ method: 'POST', url: '/api/collections', headers: { 'content-type': 'application/json' }, payload: '{"name":' })
      expect(response.statusCode).toBe(401)
    })

    it('with the token, the same body is a 400 naming the problem', async () => {
      const response = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { nope: 1 } })
      expect([response.statusCode, response.json()]).toEqual([400, badRequest('body must have required property \'url\'')])
    })
  })

  it('serves /docs under a Content-Security-Policy that lets its inline style apply and nothing run', async () => {
    const response = await app.inject({ url: '/docs' })
    expect(response.headers['content-security-policy'])
      .toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    expect(response.body).toContain('<style>')
    expect(response.body).not.toMatch(/<script|<img|<form|<iframe|\sstyle=/)
  })
})
