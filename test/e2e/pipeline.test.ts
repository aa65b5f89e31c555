import path from 'node:path'
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Parser from 'rss-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { toPlainText } from '../../src/normalize/index.js'
import { refreshDueFeeds, resolveFeedUrl, type RefreshDeps } from '../../src/refresh/index.js'
import { buildApp } from '../../src/server/index.js'
import { subscribeFeed } from '../../src/store/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/feeds')

/** Newest first, as every published format must list them. */
const EXPECTED = [
  ['Marathon route announced', 'https://json.example.com/items/marathon', '2024-05-16T13:20:00.000Z'],
  ['Bakery wins regional bread award', 'https://json.example.com/items/bakery', '2024-05-15T08:00:00.000Z'],
  ['Ferry timetable changes for summer', 'https://rdf.example.net/notes/ferry', '2024-05-14T09:00:00.000Z'],
  ['Lighthouse keeper retires after forty years', 'https://rdf.example.net/notes/lighthouse', '2024-05-13T04:30:00.000Z'],
  ['Cheese & wine fair returns', 'https://atom.example.org/2024/05/cheese-wine-fair', '2024-05-11T15:05:00.000Z'],
  ['Orchard blossoms early this year', 'https://atom.example.org/2024/05/orchard-blossoms', '2024-05-09T07:00:00.000Z'],
  ['Podcast: the history of the mill', 'https://rss.example.com/posts/mill-podcast', '2024-05-08T17:45:00.000Z'],
  ['Town council approves new footbridge', 'https://rss.example.com/posts/footbridge', '2024-05-07T12:30:00.000Z'],
  ['River levels rise after spring rain', 'https://rss.example.com/posts/river-levels', '2024-05-06T08:15:00.000Z'],
]

/** Serves a document with an ETag and answers a matching If-None-Match with 304, like a well-behaved publisher. */
function servePolitely(server: FixtureServer, route: string, contentType: string, body: () => { bytes: Buffer; etag: string }): void {
  server.route(route, (req: IncomingMessage, res: ServerResponse) => {
    const { bytes, etag } = body()
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end()
      return
    }
    res.writeHead(200, { 'content-type': contentType, etag, 'last-modified': 'Sun, 12 May 2024 09:00:00 GMT' }).end(bytes)
  })
}

describe.each(testDatabaseKinds())('end to end on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let server: FixtureServer
  let client: FetchClient
  let rss: { bytes: Buffer; etag: string }

  beforeAll(async () => {
    server = await startFixtureServer()
    client = new FetchClient({ timeoutMs: 20_000, maxBytes: 1 << 20, allowPrivateNetworks: true, userAgent: 'test', maxRedirects: 5 })
    rss = { bytes: await readFile(path.join(FIXTURES, 'rss2-basic.xml')), etag: '"rss-v1"' }
    const atom = { bytes: await readFile(path.join(FIXTURES, 'atom10-basic.xml')), etag: '"atom-v1"' }
    const rdf = { bytes: await readFile(path.join(FIXTURES, 'rss1-basic.rdf')), etag: '"rdf-v1"' }
    const json = { bytes: await readFile(path.join(FIXTURES, 'jsonfeed11-basic.json')), etag: '"json-v1"' }
    servePolitely(server, '/rss.xml', 'application/rss+xml', () => rss)
    servePolitely(server, '/atom.xml', 'application/atom+xml', () => atom)
    servePolitely(server, '/rdf.xml', 'application/rdf+xml', () => rdf)
    servePolitely(server, '/feed.json', 'application/feed+json', () => json)
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })

  const metrics = createMetrics({ queueLagSeconds: async () => 0 })

  function deps(): RefreshDeps {
    return {
      observer: metrics,
      db: database().db,
      log: silentLogger(),
      fetchFeed: (request) => client.fetchFeed(request),
      readFeed: (input) => pool.readFeed(input),
      intervals: { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 },
      redirectConfirmations: 3,
      now: () => new Date(),
    }
  }

  async function published(format: 'atom' | 'rss' | 'json'): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const resolveFeed = (url: string) => resolveFeedUrl({ fetchFeed: (r) => client.fetchFeed(r), probe: (input) => pool.probe(input) }, url)
    const app = buildApp({ db: database().db, config: { publicUrl: 'http://tributary.test', adminToken: null, feedMaxAgeSeconds: 300, websubHub: null, feedIconUrl: null }, resolveFeed, metrics }, silentLogger())
    const response = await app.inject({ method: 'GET', url: `/collections/news/feed.${format}` })
    await app.close()
    return { status: response.statusCode, body: response.body, headers: response.headers }
  }

  it('subscribes four formats into one collection, fetches, republishes, revalidates, and updates an edit in place', async () => {
    const { db } = database()
    for (const route of ['/rss.xml', '/atom.xml', '/rdf.xml', '/feed.json']) {
      await subscribeFeed(db, { url: server.url(route), title: null, collections: ['news'] })
    }

    const first = await refreshDueFeeds(deps(), { all: false, concurrency: 4, perHost: 2 })
    expect(first.map((r) => [r.status, r.status === 'updated' ? r.created : null])).toEqual([
      ['updated', 3], ['updated', 2], ['updated', 2], ['updated', 2],
    ])

    const atom = await published('atom')
    expect(atom.status).toBe(200)
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8')
    const parser = new Parser()
    const atomFeed = await parser.parseString(atom.body)
    // Atom titles are type="html" (feed 6 writes no other), which rss-parser leaves HTML-escaped.
    expect(atomFeed.items.map((i) => [toPlainText(i.title!), i.link, new Date(i.isoDate!).toISOString()])).toEqual(EXPECTED)
    const rssFeed = await parser.parseString((await published('rss')).body)
    expect(rssFeed.items.map((i) => [i.title, i.link, new Date(i.isoDate!).toISOString()])).toEqual(EXPECTED)
    const jsonFeed = JSON.parse((await published('json')).body) as { version: string; items: { id: string; title: string; url: string; date_published: string }[] }
    expect(jsonFeed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(jsonFeed.items.map((i) => [i.title, i.url, i.date_published])).toEqual(EXPECTED)
    const ids = atomFeed.items.map((i) => i.id)
    expect(jsonFeed.items.map((i) => i.id)).toEqual(ids)
    expect(rssFeed.items.map((i) => i.guid)).toEqual(ids)
    expect(new Set(ids).size).toBe(9)
    const host = new URL(server.url('/')).host
    const counters = (await metrics.registry.metrics()).split('\n')
    expect(counters).toContain(`tributary_fetches_total{outcome="updated",host="${host}"} 4`)
    expect(counters).toContain('tributary_items_created_total 9')
    expect(counters).toContain('tributary_stories_created_total 9')

    // Second pass: every request carries the stored validator, every answer is 304, nothing is stored.
    const before = server.requests.length
    const second = await refreshDueFeeds(deps(), { all: true, concurrency: 4, perHost: 2 })
    expect(second.map((r) => (r.status === 'failed' ? r.message : r.status))).toEqual(['not-modified', 'not-modified', 'not-modified', 'not-modified'])
    expect(server.requests.slice(before).map((r) => r.headers['if-none-match']).sort()).toEqual(['"atom-v1"', '"json-v1"', '"rdf-v1"', '"rss-v1"'])
    const count = await db.selectFrom('items').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(9)

    // The publisher edits one item: the same entry id comes back with the new title and a later updated time.
    rss = { bytes: Buffer.from(rss.bytes.toString('utf8').replace('Town council approves new footbridge', 'Town council approves wider footbridge')), etag: '"rss-v2"' }
    const third = await refreshDueFeeds(deps(), { all: true, concurrency: 4, perHost: 2 })
    expect(third[0]).toMatchObject({ status: 'updated', created: 0, updated: 1, unchanged: 2 })
    const edited = await parser.parseString((await published('atom')).body)
    expect(edited.items.map((i) => i.id)).toEqual(ids)
    const entry = edited.items.find((i) => i.id === ids[7])!
    expect(entry.title).toBe('Town council approves wider footbridge')
    expect(atom.body).not.toContain('wider footbridge')
  })
})
