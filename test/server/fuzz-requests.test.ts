import { Writable } from 'node:stream'
import path from 'node:path'
import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { FetchClient } from '../../src/fetch/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { resolveFeedUrl } from '../../src/refresh/index.js'
import { buildApp } from '../../src/server/index.js'
import { subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { openTestDatabase, testDatabaseKinds, type TestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const TOKEN = 'correct horse battery staple'
// Bounded so the whole file stays a few seconds per database inside `npm test`.
const RUNS = 150

// --- What a hostile or careless client sends -------------------------------------------------

// Any UTF-16 code unit, so NULs and unpaired surrogates come up, plus the URL's own delimiters.
const codeUnit = fc.oneof(
  fc.nat(0xffff).map((unit) => String.fromCharCode(unit)),
  fc.constantFrom('\u0000', '\ud800', '\udfff', '%', '&', '=', '/', '?', '#', '+', ' ', '.', ':'),
)
const anyText = fc.string({ unit: codeUnit, maxLength: 24 })
const hugeNumber = fc.oneof(
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1e309', '-0', 'NaN', 'Infinity', '2147483648', '9007199254740993', '99999999999999999999', '0x10', '1.5'),
)
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'))
const oddDate = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 99_999 }), twoDigits, twoDigits, twoDigits, twoDigits, twoDigits, fc.constantFrom('Z', 'z', '', '+00:00', '-23:59', '+24:00', '+0530'))
    .map(([year, month, day, hour, minute, second, zone]) => `${String(year).padStart(4, '0')}-${month}-${day}T${hour}:${minute}:${second}${zone}`),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2024-06-30T23:59:60Z', '2024-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '2024-13-01', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00Z', '2024-02-29'),
)
const oddCursor = fc.oneof(
  fc.tuple(fc.constantFrom('', 'n:'), hugeNumber, hugeNumber).map(([prefix, at, id]) => `${prefix}${at}.${id}`),
  fc.tuple(hugeNumber, hugeNumber, hugeNumber).map(([rank, id, maxId]) => `r:${rank}:${id}:${maxId}`),
  anyText,
).map((text) => Buffer.from(text).toString('base64url'))
const anyValue = fc.oneof(anyText, hugeNumber, oddDate, oddCursor, fc.constantFrom('', 'news', 'all', 'rank', 'newest', 'true', '1', 'river'))

/**
 * Percent-encodes every UTF-16 code unit: a pair as its UTF-8 bytes, an unpaired surrogate as the
 * three bytes UTF-8 would give it (invalid UTF-8, as a broken client sends), so the server decodes it.
 */
function encode(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^]/g, (unit) => {
    if (unit.length === 2 || !/[\ud800-\udfff]/.test(unit)) return encodeURIComponent(unit)
    const code = unit.charCodeAt(0)
    return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('')
  })
}
// Bytes in any order, valid UTF-8 or not.
const rawBytes = fc.uint8Array({ maxLength: 8 }).map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))
const encodedValue = fc.oneof({ weight: 4, arbitrary: anyValue.map(encode) }, { weight: 1, arbitrary: rawBytes })

/** A query string of `names` (and now and then a name nobody knows), each with any value, names repeated at times. */
function queryOf(...names: string[]): fc.Arbitrary<string> {
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyText.map(encode) })
  return fc.array(fc.tuple(name, encodedValue), { maxLength: 6 }).map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&'))
}

// JSON a client may post: the fields a route knows, mostly with values of their type (so that some
// writes succeed and reach the store), now and then any JSON, and at times a key nobody knows.
const anyJson = fc.oneof(anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), oddDate)
const bodyField = fc.oneof(anyJson, fc.array(anyJson, { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }))
const likely = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 3, arbitrary: usual }, { weight: 1, arbitrary: odd })
const text = likely(fc.string({ maxLength: 16 }), anyText)
const collectionName = likely(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), anyText)
const count = likely(fc.integer({ min: 1, max: 1_000_000 }), fc.oneof(fc.integer(), fc.double(), fc.constant(null)))
const settings = {
  title: fc.oneof(text, fc.constant(null)),
  description: fc.oneof(text, fc.constant(null)),
  include: fc.array(text, { maxLength: 3 }),
  exclude: fc.array(text, { maxLength: 3 }),
  merge_near_duplicates: likely(fc.boolean(), anyText),
  source_priority: fc.array(likely(fc.constant(1), fc.oneof(fc.integer(), fc.double(), anyText)), { maxLength: 3 }),
  max_age_seconds: count,
  per_source_cap: count,
  feeds: fc.array(likely(fc.constantFrom(1, '1', 'https://a.example/feed'), fc.oneof(fc.integer(), anyText)), { maxLength: 3 }),
}
/** An object with some of `fields`, each replaced by any JSON at times, now and then with a key nobody knows; or any JSON at all. */
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []): fc.Arbitrary<unknown> {
  const known = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: bodyField })]))
  const object = fc.tuple(fc.record(known, { requiredKeys }), fc.option(fc.dictionary(anyText, bodyField, { minKeys: 1, maxKeys: 1 }), { freq: 4 }))
    .map(([record, extra]) => ({ ...extra, ...record }))
  return fc.oneof({ weight: 6, arbitrary: object }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) })
}

// --- What every answer must be --------------------------------------------------------------

/** No 5xx; an API error is SPEC's `{ error: { code, message } }` and nothing else; a page's error is a page. */
function expectClientAnswer(response: LightMyRequestResponse, request: string): void {
  expect(response.statusCode, request).toBeLessThan(500)
  if (response.statusCode < 400) return
  const type = String(response.headers['content-type'])
  if (type.startsWith('text/html')) return
  expect(type, request).toMatch(/^application\/json\b/)
  const body = response.json()
  expect(body, request).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
  expect(body.error.code, request).toMatch(/^[a-z]+(_[a-z]+)*$/)
}

describe.each(testDatabaseKinds())('fuzzed requests on %s', (kind) => {
  const pool = useWorkerPool()
  let database: TestDatabase
  let publisher: FixtureServer
  let client: FetchClient
  let app: FastifyInstance
  // Every line logged at error level: a request that went wrong on our side, even if it answered.
  const errors: string[] = []

  beforeAll(async () => {
    publisher = await startFixtureServer()
    publisher.file('/feed.xml', path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml'), { 'content-type': 'application/rss+xml' })
    // The fetcher may reach the fixture server on 127.0.0.1; the URLs posted name no other host (see feedUrl).
    client = new FetchClient({ timeoutMs: 5000, maxBytes: 1 << 20, allowPrivateNetworks: true, userAgent: 'test', maxRedirects: 5 })
    database = await openTestDatabase(kind)
    const { feed } = await subscribeFeed(database.db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })
    await upsertFeedItems(database.db, feed.id, identifyItems(Array.from({ length: 5 }, (_, i) => buildItem({
      guid: String(i), url: `https://a.example/${i}`, title: `River story ${i}`, summary: `river ${i}`, publishedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    }))), new Date('2026-01-10T00:00:00Z'))
    const log = pino({ level: 'error' }, new Writable({ write: (chunk, _encoding, done) => void (errors.push(String(chunk)), done()) }))
    app = buildApp({
      db: database.db,
      config: { publicUrl: 'https://planet.example', adminToken: TOKEN, feedMaxAgeSeconds: 600, websubHub: null, feedIconUrl: null },
      resolveFeed: (url: string) => resolveFeedUrl({ fetchFeed: (request) => client.fetchFeed(request), probe: (input) => pool.probe(input) }, url),
      metrics: createMetrics({ queueLagSeconds: async () => 0 }),
    }, log)
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    await database.close()
    await client.close()
    await publisher.close()
  })

  async function check(request: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: unknown; admin?: boolean }): Promise<void> {
    errors.length = 0
    const response = await app.inject({
      method: request.method ?? 'GET',
      url: request.url,
      headers: {
        ...(request.admin && { authorization: `Bearer ${TOKEN}` }),
        ...(request.payload !== undefined && { 'content-type': 'application/json' }),
      },
      ...(request.payload !== undefined && { payload: JSON.stringify(request.payload) }),
    })
    const described = `${request.method ?? 'GET'} ${request.url}${request.payload === undefined ? '' : ` ${JSON.stringify(request.payload)}`}`
    expectClientAnswer(response, described)
    expect(errors, described).toEqual([])
  }

  it('answers every query string of the item search and the search page with a 2xx or a 4xx', async () => {
    const itemNames = ['q', 'feed', 'collection', 'author', 'category', 'since', 'until', 'sort', 'per_story', 'limit', 'cursor']
    await fc.assert(fc.asyncProperty(fc.constantFrom('/api/items', '/search'), queryOf(...itemNames), async (route, query) => {
      await check({ url: `${route}?${query}` })
    }), { numRuns: RUNS })
  })

  it('answers every path parameter with a 2xx or a 4xx', async () => {
    const formats = fc.oneof(fc.constantFrom('rss', 'atom', 'json'), encodedValue)
    const url = fc.oneof(
      encodedValue.map((id) => `/api/items/${id}`),
      encodedValue.map((id) => `/api/feeds/${id}`),
      encodedValue.map((name) => `/api/collections/${name}`),
      fc.tuple(fc.oneof(fc.constantFrom('news', 'all'), encodedValue), formats).map(([name, format]) => `/collections/${name}/feed.${format}`),
      encodedValue.map((id) => `/stories/${id}`),
    )
    await fc.assert(fc.asyncProperty(url, async (path) => {
      await check({ url: path })
    }), { numRuns: RUNS })
  })

  it('answers every query string of the other GET routes with a 2xx or a 4xx', async () => {
    const routes = ['/collections/news/feed.atom', '/collections/all/feed.json', '/collections/news/feed.rss', '/api/feeds', '/api/feeds/1', '/api/collections',
      '/api/collections/news', '/api/items/1', '/', '/feeds', '/opml', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics', '/feed.xsl']
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes), queryOf('limit', 'cursor', 'q'), async (route, query) => {
      await check({ url: `${route}?${query}` })
    }), { numRuns: RUNS })
  })

  it('answers every JSON body of the collection writes, with or without the token, with a 2xx or a 4xx', async () => {
    // Well-formed settings as well, so that writes also reach the store, with names that collide.
    const wellFormed = {
      title: fc.string({ maxLength: 16 }),
      include: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 2 }),
      max_age_seconds: fc.oneof(fc.integer({ min: 1, max: 2_147_483_647 }), fc.constant(null)),
      per_source_cap: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(null)),
      feeds: fc.constantFrom([], [1], ['https://a.example/feed'], [1, 999]),
    }
    const created = fc.oneof(bodyOf({ name: collectionName, ...settings }, ['name']),
      fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,2}$/), ...wellFormed }, { requiredKeys: ['name'] }))
    const changed = fc.oneof(bodyOf(settings), fc.record(wellFormed, { requiredKeys: [] }))
    const request = fc.oneof(
      fc.tuple(created, fc.boolean()).map(([payload, admin]) => ({ method: 'POST' as const, url: '/api/collections', payload, admin })),
      fc.tuple(fc.oneof(fc.constantFrom('news', 'all'), encodedValue), changed, fc.boolean())
        .map(([name, payload, admin]) => ({ method: 'PATCH' as const, url: `/api/collections/${name}`, payload, admin })),
    )
    await fc.assert(fc.asyncProperty(request, check), { numRuns: RUNS })
  })

  it('answers every JSON body of the feed writes, with or without the token, with a 2xx or a 4xx', async () => {
    // Hosts are the fixture server or literal addresses, never a name to look up. Text without a
    // colon cannot be an absolute URL, so it never reaches the fetcher.
    const feedUrl = fc.oneof(
      anyText.filter((text) => !text.includes(':')),
      encodedValue.map((tail) => publisher.url(`/${tail}`)),
      fc.constantFrom(publisher.url('/feed.xml'), 'http://127.0.0.1:9/feed', 'http://[::1]:9/', 'http://127.0.0.1:99999/', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'http://user:pass@127.0.0.1:9/'),
    )
    const body = bodyOf({ url: feedUrl, title: text, collections: fc.array(collectionName, { maxLength: 3 }) }, ['url'])
    const request = fc.oneof(
      fc.tuple(body, fc.boolean()).map(([payload, admin]) => ({ method: 'POST' as const, url: '/api/feeds', payload, admin })),
      fc.tuple(fc.oneof(fc.constant('1'), encodedValue), fc.boolean()).map(([id, admin]) => ({ method: 'DELETE' as const, url: `/api/feeds/${id}`, admin })),
    )
    await fc.assert(fc.asyncProperty(request, check), { numRuns: RUNS })
  })
})
