import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { silentLogger } from '../../src/log/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { FEED_STYLESHEET } from '../../src/publish/index.js'
import { buildApp } from '../../src/server/index.js'
import { subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

const PUBLIC_URL = 'https://planet.example'
const HOUR_MS = 3_600_000
const T0 = new Date('2026-02-01T00:00:00Z')
const STORIES = 8
const PAGE = 3
const REVALIDATE_AFTER_MS = 1000
const MAX_STALE_MS = 30_000

// What Chromium sends when it opens a URL, and what a feed reader sends.
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'
const READER_ACCEPT = 'application/atom+xml, application/rss+xml;q=0.9, application/xml;q=0.8, text/html;q=0.1, */*;q=0.1'

interface JsonPage {
  feed_url: string
  next_url?: string
  _tributary: { first_url: string; previous_url?: string }
  items: { id: string; title: string }[]
}

describe.each(testDatabaseKinds())('published feeds on %s', (kind) => {
  const database = useTestDatabase(kind)
  let app: FastifyInstance
  let feedId: number
  // The feed cache's clock: only the tests move it.
  let clock: number

  beforeEach(async () => {
    const { db } = database()
    clock = 0
    app = buildApp({
      db,
      config: { publicUrl: PUBLIC_URL, adminToken: null, feedMaxAgeSeconds: 300, websubHub: null, feedIconUrl: null },
      resolveFeed: async () => { throw new Error('these tests never subscribe over HTTP') },
      metrics: createMetrics({ queueLagSeconds: async () => 0 }),
    }, silentLogger(), { feedCache: { revalidateAfterMs: REVALIDATE_AFTER_MS, maxStaleMs: MAX_STALE_MS, now: () => clock } })
    feedId = (await subscribeFeed(db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })).feed.id
    await store(Array.from({ length: STORIES }, (_, i) => i + 1))
  })
  afterEach(() => app.close())

  /** Stores story n as "Story n", published n hours after T0, so a higher n is newer. */
  async function store(numbers: number[]): Promise<void> {
    const items = numbers.map((n) => buildItem({ guid: `s${n}`, url: `https://a.example/${n}`, title: `Story ${n}`, publishedAt: new Date(T0.getTime() + n * HOUR_MS) }))
    await upsertFeedItems(database().db, feedId, identifyItems(items), new Date(T0.getTime() + 100 * HOUR_MS))
  }

  async function get(url: string): Promise<JsonPage> {
    const response = await app.inject({ url: url.replace(PUBLIC_URL, '') })
    expect([url, response.statusCode]).toEqual([url, 200])
    return response.json() as JsonPage
  }

  const titles = (page: JsonPage) => page.items.map((item) => item.title)
  const FIRST = `${PUBLIC_URL}/collections/news/feed.json?limit=${PAGE}`

  it('walks next from the first page to the end and previous back through the same pages, ending on the first page', async () => {
    const ids = (await get('/collections/news/feed.json?limit=500')).items.map((item) => item.id)
    expect(ids).toHaveLength(STORIES)
    const forward = [await get(FIRST)]
    while (forward.at(-1)!.next_url !== undefined) forward.push(await get(forward.at(-1)!.next_url!))
    expect(forward.map((page) => page.items.map((item) => item.id))).toEqual([ids.slice(0, 3), ids.slice(3, 6), ids.slice(6)])
    expect(forward.map(titles)).toEqual([['Story 8', 'Story 7', 'Story 6'], ['Story 5', 'Story 4', 'Story 3'], ['Story 2', 'Story 1']])
    expect(forward.map((page) => page._tributary.first_url)).toEqual([FIRST, FIRST, FIRST])
    expect(forward[0]!._tributary.previous_url).toBeUndefined()

    const backward = [forward.at(-1)!]
    while (backward.at(-1)!._tributary.previous_url !== undefined) backward.push(await get(backward.at(-1)!._tributary.previous_url!))
    expect(backward.map((page) => page.items.map((item) => item.id))).toEqual([ids.slice(6), ids.slice(3, 6), ids.slice(0, 3)])
    // The second page's previous page is the first page itself, by its own URL.
    expect(backward.map((page) => page.feed_url)).toEqual([forward[2]!.feed_url, expect.stringContaining('cursor='), FIRST])
    expect(backward[1]!.next_url).toBe(forward[1]!.next_url)
  })

  it('keeps older pages where they were when a story arrives between requests', async () => {
    const first = await get(FIRST)
    const second = await get(first.next_url!)
    await store([9])
    // Past the longest a cached copy is served, every document is rendered anew.
    clock += MAX_STALE_MS
    const secondAgain = await get(first.next_url!)
    expect(titles(secondAgain)).toEqual(titles(second))
    expect(secondAgain.next_url).toBe(second.next_url)
    // Four stories are newer now: the previous page is the three just newer, and the one before it the new first page.
    const newer = await get(secondAgain._tributary.previous_url!)
    expect(newer.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id))
    expect(newer.next_url).toBe(first.next_url)
    expect(newer._tributary.previous_url).toBe(FIRST)
    expect(titles(await get(FIRST))).toEqual(['Story 9', 'Story 8', 'Story 7'])
  })

  it('writes RFC 5005 first, previous and next links in Atom and RSS', async () => {
    const middle = await get((await get(FIRST)).next_url!)
    const atomUrl = middle.feed_url.replace('feed.json', 'feed.atom').replace(PUBLIC_URL, '')
    const cursor = (url: string | undefined) => new URL(url!).searchParams.get('cursor')
    const atom = (await app.inject({ url: atomUrl })).body
    const first = `${PUBLIC_URL}/collections/news/feed.atom?limit=3`
    expect(atom).toContain([
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      `    <link rel="first" href="${first}"/>`,
      `    <link rel="previous" href="${first}"/>`,
      `    <link rel="next" href="${first}&amp;cursor=${cursor(middle.next_url)}"/>`,
    ].join('\n'))
    expect(atom).toContain(`<link rel="self" href="${PUBLIC_URL}${atomUrl.replace('&', '&amp;')}"/>`)
    const rss = (await app.inject({ url: atomUrl.replace('feed.atom', 'feed.rss') })).body
    expect(rss.match(/<atom:link rel="(first|previous|next)" href="[^"]+"\/>/g)).toEqual([
      `<atom:link rel="first" href="${PUBLIC_URL}/collections/news/feed.rss?limit=3"/>`,
      `<atom:link rel="previous" href="${PUBLIC_URL}/collections/news/feed.rss?limit=3"/>`,
      `<atom:link rel="next" href="${PUBLIC_URL}/collections/news/feed.rss?limit=3&amp;cursor=${cursor(middle.next_url)}"/>`,
    ])
    const bad = await app.inject({ url: '/collections/news/feed.atom?cursor=bjpub3Q' })
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'bad_request'])
  })

  it('points RSS and Atom at the stylesheet, served at /feed.xsl as text/xsl', async () => {
    for (const format of ['atom', 'rss']) {
      const body = (await app.inject({ url: `/collections/news/feed.${format}` })).body
      const href = /^<\?xml version="1\.0" encoding="utf-8"\?><\?xml-stylesheet href="([^"]+)" type="text\/xsl"\?>\n/.exec(body)?.[1]
      expect(new URL(href!, `${PUBLIC_URL}/collections/news/feed.${format}`).href).toBe(`${PUBLIC_URL}/feed.xsl`)
    }
    expect((await app.inject({ url: '/collections/news/feed.json' })).body).not.toContain('xsl')
    const xsl = await app.inject({ url: '/feed.xsl' })
    expect([xsl.statusCode, xsl.headers['content-type'], xsl.headers['cache-control'], xsl.body])
      .toEqual([200, 'text/xsl; charset=utf-8', 'public, max-age=300', FEED_STYLESHEET])
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json().paths)
    expect(paths).toContain('/collections/{name}/feed.{format}')
    expect(paths).not.toContain('/feed.xsl')
  })

  it.each([
    ['a browser', 'atom', 'application/xml; charset=utf-8', BROWSER_ACCEPT],
    ['a browser', 'rss', 'application/xml; charset=utf-8', BROWSER_ACCEPT],
    ['a feed reader', 'atom', 'application/atom+xml; charset=utf-8', READER_ACCEPT],
    ['a feed reader', 'rss', 'application/rss+xml; charset=utf-8', READER_ACCEPT],
    ['a client naming no type', 'atom', 'application/atom+xml; charset=utf-8', undefined],
    ['a client taking anything', 'rss', 'application/rss+xml; charset=utf-8', '*/*'],
  ])('serves %s the %s feed as %s', async (_client, format, contentType, accept) => {
    const response = await app.inject({ url: `/collections/news/feed.${format}`, headers: accept === undefined ? {} : { accept } })
    expect([response.statusCode, response.headers['content-type'], response.headers.vary]).toEqual([200, contentType, 'accept, accept-encoding'])
    expect(response.headers['content-security-policy'])
      .toBe("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
  })

  it('serves JSON Feed as itself to a browser too, with the same bytes and validators as to a reader', async () => {
    const browser = await app.inject({ url: '/collections/news/feed.json', headers: { accept: BROWSER_ACCEPT } })
    expect([browser.headers['content-type'], browser.headers.vary, browser.headers['content-security-policy']])
      .toEqual(['application/feed+json; charset=utf-8', 'accept-encoding', undefined])
    const asBrowser = await app.inject({ url: '/collections/news/feed.atom', headers: { accept: BROWSER_ACCEPT } })
    const asReader = await app.inject({ url: '/collections/news/feed.atom', headers: { accept: READER_ACCEPT } })
    expect([asBrowser.body, asBrowser.headers.etag]).toEqual([asReader.body, asReader.headers.etag])
    const revalidated = await app.inject({ url: '/collections/news/feed.atom', headers: { accept: BROWSER_ACCEPT, 'if-none-match': asReader.headers.etag as string } })
    expect([revalidated.statusCode, revalidated.headers.vary]).toEqual([304, 'accept, accept-encoding'])
  })

  describe('HTTP caching', () => {
    const ATOM = '/collections/news/feed.atom'

    /** The identity ETag's hash, which every coding's ETag is built on. */
    async function contentHash(): Promise<string> {
      return /^"([\w-]{27})"$/.exec((await app.inject({ url: ATOM })).headers.etag as string)![1]!
    }

    it('sends each content-coding with an ETag of its own, compressed once (not again by @fastify/compress)', async () => {
      const identity = await app.inject({ url: ATOM })
      const hash = await contentHash()
      const gzip = await app.inject({ url: ATOM, headers: { 'accept-encoding': 'gzip, deflate' } })
      const br = await app.inject({ url: ATOM, headers: { 'accept-encoding': 'gzip, deflate, br' } })
      expect([identity, gzip, br].map((r) => [r.statusCode, r.headers['content-encoding'], r.headers.etag, Number(r.headers['content-length'])])).toEqual([
        [200, undefined, `"${hash}"`, identity.rawPayload.length],
        [200, 'gzip', `"${hash}-gz"`, gzip.rawPayload.length],
        [200, 'br', `"${hash}-br"`, br.rawPayload.length],
      ])
      expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(identity.body)
      expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(identity.body)
      expect([gzip.headers['last-modified'], br.headers['last-modified'], gzip.headers['content-type']])
        .toEqual([identity.headers['last-modified'], identity.headers['last-modified'], 'application/atom+xml; charset=utf-8'])
    })

    it.each([
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['*', 'br'],
      ['*;q=0.1, gzip;q=0.5', 'gzip'],
      ['identity', undefined],
      ['deflate', undefined],
      ['gzip;q=0, br;q=0', undefined],
    ])('answers Accept-Encoding: %s with content-encoding %s', async (acceptEncoding, coding) => {
      const response = await app.inject({ url: ATOM, headers: { 'accept-encoding': acceptEncoding } })
      expect([response.statusCode, response.headers['content-encoding']]).toEqual([200, coding])
    })

    it.each([
      ['identity', undefined, ''],
      ['gzip', 'gzip', '-gz'],
      ['br', 'br', '-br'],
    ])('answers 304 to the ETag of any coding, with the ETag of the %s coding it would send', async (_coding, acceptEncoding, suffix) => {
      const hash = await contentHash()
      const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }
      for (const tag of [`"${hash}"`, `"${hash}-gz"`, `"${hash}-br"`, `W/"${hash}-gz"`, `"other", "${hash}-br"`, '*']) {
        const response = await app.inject({ url: ATOM, headers: { ...headers, 'if-none-match': tag } })
        expect([tag, response.statusCode, response.headers.etag, response.headers['content-encoding'], response.body])
          .toEqual([tag, 304, `"${hash}${suffix}"`, undefined, ''])
        expect([response.headers.vary, response.headers['cache-control']]).toEqual(['accept, accept-encoding', 'public, max-age=300'])
      }
      const other = await app.inject({ url: ATOM, headers: { ...headers, 'if-none-match': `"${hash}-zz", "${hash.slice(1)}"` } })
      expect([other.statusCode, other.headers.etag]).toEqual([200, `"${hash}${suffix}"`])
    })

    it('answers HEAD with the headers and length of the coding a GET would send, and no body', async () => {
      const get = await app.inject({ url: ATOM, headers: { 'accept-encoding': 'gzip' } })
      const head = await app.inject({ method: 'HEAD', url: ATOM, headers: { 'accept-encoding': 'gzip' } })
      expect([head.statusCode, head.headers['content-encoding'], head.headers.etag, head.headers['content-length'], head.headers['content-type'], head.body])
        .toEqual([200, 'gzip', get.headers.etag, String(get.rawPayload.length), 'application/atom+xml; charset=utf-8', ''])
      const notModified = await app.inject({ method: 'HEAD', url: ATOM, headers: { 'if-none-match': get.headers.etag as string } })
      expect([notModified.statusCode, notModified.body]).toEqual([304, ''])
    })

    it('renders the subscribed documents when the app starts, and shows a change once the copy is revalidated', async () => {
      await app.ready()
      await store([9])
      // Rendered at start, before the change, and served while fresh; a document nobody asked for renders on request.
      const atStart = await app.inject({ url: '/collections/news/feed.json' })
      expect(atStart.json().items[0].title).toBe('Story 8')
      expect((await get('/collections/all/feed.json')).items[0]!.title).toBe('Story 8')
      expect((await get('/collections/news/feed.json?limit=3')).items[0]!.title).toBe('Story 9')
      clock += MAX_STALE_MS
      const after = await app.inject({ url: '/collections/news/feed.json', headers: { 'if-none-match': atStart.headers.etag as string } })
      expect([after.statusCode, after.json().items[0].title]).toEqual([200, 'Story 9'])
      expect(after.headers.etag).not.toBe(atStart.headers.etag)
    })

    it('derives Last-Modified from the entries (the newest, Story 8), not from when the document was rendered', async () => {
      const first = await app.inject({ url: ATOM })
      clock += MAX_STALE_MS
      const again = await app.inject({ url: ATOM })
      expect([first.headers['last-modified'], again.headers['last-modified'], again.headers.etag])
        .toEqual(['Sun, 01 Feb 2026 08:00:00 GMT', 'Sun, 01 Feb 2026 08:00:00 GMT', first.headers.etag])
    })
  })
})
