import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { resolveFeedUrl } from '../../src/refresh/index.js'
import { buildApp } from '../../src/server/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { oldestOverdueSeconds, subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const TOKEN = 'correct horse battery staple'
const auth = { authorization: `Bearer ${TOKEN}` }

describe.each(testDatabaseKinds())('HTTP app on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let app: FastifyInstance
  let publisher: FixtureServer
  let client: FetchClient

  beforeAll(async () => {
    publisher = await startFixtureServer()
    publisher.file('/feed.xml', path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml'), { 'content-type': 'application/rss+xml' })
    publisher.file('/atom.xml', path.resolve(import.meta.dirname, '../fixtures/feeds/atom10-basic.xml'), { 'content-type': 'application/atom+xml' })
    publisher.route('/blog/', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
      '<!doctype html><html><head><title>Blog</title>' +
      '<link rel="alternate" type="application/atom+xml" title="Posts" href="../atom.xml">' +
      '<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="/feed.xml"></head><body>Hello</body></html>'))
    publisher.route('/plain/', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>No feeds</title><p>Hi</p>'))
    client = new FetchClient({ timeoutMs: 5000, maxBytes: 1 << 20, allowPrivateNetworks: true, userAgent: 'test', maxRedirects: 5 })
  })
  afterAll(async () => {
    await client.close()
    await publisher.close()
  })
  beforeEach(() => {
    app = buildApp(deps(TOKEN), silentLogger())
  })
  afterEach(() => app.close())

  function deps(adminToken: string | null) {
    const db = database().db
    return {
      db,
      config: { publicUrl: 'https://planet.example', adminToken, feedMaxAgeSeconds: 600, websubHub: 'https://user:secret@hub.example/', feedIconUrl: 'https://planet.example/icon.png' },
      resolveFeed: (url: string) => resolveFeedUrl({ fetchFeed: (r) => client.fetchFeed(r), probe: (input) => pool.probe(input) }, url),
      metrics: createMetrics({ queueLagSeconds: () => oldestOverdueSeconds(db, new Date('2026-01-01T00:10:00Z')) }),
    }
  }

  async function seed(): Promise<number> {
    const { feed } = await subscribeFeed(database().db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })
    await upsertFeedItems(database().db, feed.id, identifyItems([
      buildItem({ guid: '1', url: 'https://a.example/1', title: 'First', summary: 'one', contentHtml: '<p>one</p>', publishedAt: new Date('2026-01-01T00:00:00Z'), categories: ['x'] }),
      buildItem({ guid: '2', url: 'https://a.example/2', title: 'Second', author: 'Ann', summary: 'two', publishedAt: new Date('2026-01-02T00:00:00Z') }),
    ]), new Date('2026-01-03T00:00:00Z'))
    return feed.id
  }

  it('refuses writes without the right token, changing nothing', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/feeds', payload: { url: 'https://b.example/feed' } })
    expect([missing.statusCode, missing.json()]).toEqual([401, { error: { code: 'unauthorized', message: 'a valid "Authorization: Bearer <token>" header is required' } }])
    const wrong = await app.inject({ method: 'POST', url: '/api/feeds', headers: { authorization: 'Bearer nope' }, payload: { url: 'https://b.example/feed' } })
    expect(wrong.statusCode).toBe(401)
    expect((await app.inject({ url: '/api/feeds' })).json()).toEqual([])

    const off = buildApp(deps(null), silentLogger())
    const forbidden = await off.inject({ method: 'POST', url: '/api/collections', headers: auth, payload: { name: 'x' } })
    await off.close()
    expect(forbidden.json()).toEqual({ error: { code: 'forbidden', message: 'the write API is off: set TRIBUTARY_ADMIN_TOKEN to enable it' } })
  })

  it('creates, lists, conflicts on, and deletes feeds', async () => {
    const url = publisher.url('/feed.xml')
    const created = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url, collections: ['tech'] } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ id: 1, url, collections: ['tech'], item_count: 0, last_error: null, error_count: 0, alternates: [] })
    const again = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url } })
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'conflict'])
    expect((await app.inject({ url: '/api/feeds/1' })).json().url).toBe(url)
    expect((await app.inject({ method: 'DELETE', url: '/api/feeds/1', headers: auth })).statusCode).toBe(204)
    const gone = await app.inject({ url: '/api/feeds/1' })
    expect([gone.statusCode, gone.json()]).toEqual([404, { error: { code: 'not_found', message: 'feeds: no feed 1' } }])
  })

  it('subscribes the first feed an HTML page links to, and lists the others', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url: publisher.url('/blog/') } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({
      url: publisher.url('/atom.xml'),
      alternates: [{ url: publisher.url('/feed.xml'), type: 'rss', title: 'Posts (RSS)' }],
    })
    const none = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url: publisher.url('/plain/') } })
    expect([none.statusCode, none.json()]).toEqual([400, { error: { code: 'bad_request', message: `feeds: no feed found at ${publisher.url('/plain/')}: it is an HTML page with no <link rel="alternate"> feed` } }])
    expect((await app.inject({ url: '/api/feeds' })).json()).toHaveLength(1)
  })

  it('answers bad input with 400 naming the problem', async () => {
    const badUrl = await app.inject({ method: 'POST', url: '/api/feeds', headers: auth, payload: { url: 'javascript:alert(1)' } })
    expect(badUrl.json()).toEqual({ error: { code: 'bad_request', message: 'feeds: only http and https URLs can be subscribed, got "javascript:"' } })
    const badLimit = await app.inject({ url: '/api/items?limit=9999' })
    expect([badLimit.statusCode, badLimit.json().error.message]).toEqual([400, 'querystring /limit must be <= 500'])
    const badCursor = await app.inject({ url: '/api/items?cursor=zzz' })
    expect([badCursor.statusCode, badCursor.json().error.code]).toEqual([400, 'bad_request'])
    const badName = await app.inject({ method: 'POST', url: '/api/collections', headers: auth, payload: { name: 'Not Valid!' } })
    expect(badName.json().error.message).toBe('collections: invalid name "Not Valid!": use 1-64 lowercase letters, digits, "-" or "_"')
    expect((await app.inject({ url: '/nowhere' })).json()).toEqual({ error: { code: 'not_found', message: 'no route GET /nowhere' } })
  })

  it('creates collections with filters and lists them with feed counts', async () => {
    const feedId = await seed()
    const created = await app.inject({ method: 'POST', url: '/api/collections', headers: auth, payload: { name: 'firsts', title: 'Firsts', include: ['first'], feeds: [feedId] } })
    expect(created.json()).toEqual({
      name: 'firsts', title: 'Firsts', description: null, include: ['first'], exclude: [], merge_near_duplicates: true, source_priority: [],
      max_age_seconds: null, per_source_cap: null, feed_count: 1,
    })
    expect((await app.inject({ url: '/api/collections' })).json().map((c: { name: string; feed_count: number }) => [c.name, c.feed_count]))
      .toEqual([['all', 1], ['firsts', 1], ['news', 1]])
    const feed = await app.inject({ url: '/collections/firsts/feed.json' })
    expect(feed.json().items.map((i: { title: string }) => i.title)).toEqual(['First'])
  })

  it('changes a collection\'s settings and member feeds with PATCH, keeping what is not sent', async () => {
    const feedId = await seed()
    await app.inject({ method: 'POST', url: '/api/collections', headers: auth, payload: { name: 'picks', title: 'Picks', include: ['first'], feeds: [feedId] } })
    const unauthorized = await app.inject({ method: 'PATCH', url: '/api/collections/picks', payload: { title: 'x' } })
    expect(unauthorized.statusCode).toBe(401)
    const patched = await app.inject({
      method: 'PATCH', url: '/api/collections/picks', headers: auth,
      payload: { description: 'Hand-picked', include: [], max_age_seconds: 86_400, per_source_cap: 5, feeds: [] },
    })
    expect(patched.json()).toEqual({
      name: 'picks', title: 'Picks', description: 'Hand-picked', include: [], exclude: [], merge_near_duplicates: true, source_priority: [],
      max_age_seconds: 86_400, per_source_cap: 5, feed_count: 0,
    })
    const cleared = await app.inject({ method: 'PATCH', url: '/api/collections/picks', headers: auth, payload: { max_age_seconds: null, feeds: [feedId] } })
    expect(cleared.json()).toMatchObject({ max_age_seconds: null, per_source_cap: 5, feed_count: 1 })
    expect((await app.inject({ url: '/api/collections/picks' })).json()).toEqual(cleared.json())
    const missing = await app.inject({ method: 'PATCH', url: '/api/collections/nope', headers: auth, payload: { title: 'x' } })
    expect([missing.statusCode, missing.json().error.message]).toEqual([404, 'collections: no collection "nope"'])
    const bad = await app.inject({ method: 'PATCH', url: '/api/collections/picks', headers: auth, payload: { per_source_cap: 0 } })
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, 'body /per_source_cap must be >= 1'])
  })

  it('serves items with filters and keyset pages', async () => {
    const feedId = await seed()
    const first = (await app.inject({ url: `/api/items?feed=${feedId}&limit=1` })).json()
    expect(first.items.map((i: { title: string }) => i.title)).toEqual(['Second'])
    const second = (await app.inject({ url: `/api/items?limit=1&cursor=${first.next_cursor}` })).json()
    expect(second).toMatchObject({ items: [{ title: 'First', categories: ['x'], content_html: '<p>one</p>' }], next_cursor: null })
    expect((await app.inject({ url: '/api/items?collection=news&since=2026-01-02T00:00:00Z' })).json().items).toHaveLength(1)
    expect((await app.inject({ url: '/api/items?q=second' })).json().items.map((i: { author: string }) => i.author)).toEqual(['Ann'])
    expect((await app.inject({ url: `/api/items/${second.items[0].id}` })).json().title).toBe('First')
  })

  it('revalidates merged feeds with ETag and Last-Modified, and answers HEAD', async () => {
    await seed()
    const full = await app.inject({ url: '/collections/news/feed.atom' })
    expect(full.statusCode).toBe(200)
    expect(full.headers['last-modified']).toBe('Fri, 02 Jan 2026 00:00:00 GMT')
    const etag = full.headers.etag as string
    expect(etag).toMatch(/^"[\w-]{27}"$/)
    const byTag = await app.inject({ url: '/collections/news/feed.atom', headers: { 'if-none-match': etag } })
    expect([byTag.statusCode, byTag.body]).toEqual([304, ''])
    const byDate = await app.inject({ url: '/collections/news/feed.atom', headers: { 'if-modified-since': 'Fri, 02 Jan 2026 00:00:00 GMT' } })
    expect(byDate.statusCode).toBe(304)
    expect(full.headers['cache-control']).toBe('public, max-age=600')
    // The configured WebSub hub (without the credentials pings use) and icon are announced on the newest page.
    expect(full.body).toContain('<link rel="hub" href="https://hub.example/"/>')
    expect(full.body).toContain('<icon>https://planet.example/icon.png</icon>')
    const json = (await app.inject({ url: '/collections/news/feed.json' })).json()
    expect([json.hubs, json.icon]).toEqual([[{ type: 'WebSub', url: 'https://hub.example/' }], 'https://planet.example/icon.png'])
    expect(full.body).not.toContain('secret')
    const compressed = await app.inject({ url: '/collections/news/feed.atom', headers: { 'accept-encoding': 'gzip' } })
    expect(compressed.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(compressed.rawPayload).toString('utf8')).toBe(full.body)
    const brotli = await app.inject({ url: '/collections/news/feed.json', headers: { 'accept-encoding': 'br' } })
    expect(brotli.headers['content-encoding']).toBe('br')
    const head = await app.inject({ method: 'HEAD', url: '/collections/news/feed.rss' })
    expect([head.statusCode, head.headers['content-type'], head.body]).toEqual([200, 'application/rss+xml; charset=utf-8', ''])
    expect((await app.inject({ url: '/collections/nope/feed.atom' })).statusCode).toBe(404)
    expect((await app.inject({ url: '/collections/news/feed.xml' })).statusCode).toBe(400)
  })

  it('counts requests by route pattern and reports the queue lag in /metrics', async () => {
    await seed()
    await app.inject({ url: '/collections/news/feed.atom' })
    await app.inject({ url: '/collections/news/feed.rss' })
    await app.inject({ url: '/api/items/999' })
    const metrics = await app.inject({ url: '/metrics' })
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
    const lines = metrics.body.split('\n')
    expect(lines).toContain('tributary_http_requests_total{route="/collections/:name/feed.:format",method="GET",status="200"} 2')
    expect(lines).toContain('tributary_http_requests_total{route="/api/items/:id",method="GET",status="404"} 1')
    expect(lines.find((l) => l.startsWith('tributary_queue_lag_seconds '))).toMatch(/^tributary_queue_lag_seconds \d+/)
  })

  it('describes the API in OpenAPI and on a readable page', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      '/api/collections', '/api/feeds', '/api/feeds/{id}', '/api/items', '/api/items/{id}',
      '/collections/{name}/feed.{format}', '/healthz', '/readyz',
    ]))
    expect(Object.keys(doc.paths)).not.toContain('/openapi.json')
    expect(doc.paths['/api/items'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'q', 'feed', 'collection', 'author', 'category', 'since', 'until', 'sort', 'per_story', 'limit', 'cursor',
    ])
    expect(doc.paths['/api/feeds'].post.security).toEqual([{ bearer: [] }])
    const page = await app.inject({ url: '/docs' })
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<span class="method">post</span> <code>/api/feeds</code>')
  })

  it('serves the index page, OPML, and health checks', async () => {
    await seed()
    const page = await app.inject({ url: '/' })
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('<a href="https://planet.example/collections/news/feed.atom">Atom</a>')
    const opml = await app.inject({ url: '/opml' })
    expect(opml.body).toContain('xmlUrl="https://a.example/feed"')
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current' })
  })
})
