import { beforeEach, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { InputError, NotFoundError } from '../../src/errors.js'
import { silentLogger } from '../../src/log/index.js'
import { DEFAULT_FEED_LIMIT, FeedCache, type CachedFeed, type CollectionFeedRequest, type FeedCacheOptions } from '../../src/present/index.js'
import { subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

const NEWS: CollectionFeedRequest = { name: 'news', format: 'json', limit: DEFAULT_FEED_LIMIT, publicUrl: 'https://planet.example' }
const REVALIDATE_AFTER_MS = 1000
const MAX_STALE_MS = 30_000

describe.each(testDatabaseKinds())('FeedCache on %s', (kind) => {
  const database = useTestDatabase(kind)
  let feedId: number
  // The cache's clock: only the tests move it.
  let clock: number

  beforeEach(async () => {
    clock = 0
    feedId = (await subscribeFeed(database().db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })).feed.id
    await store([1, 2, 3])
  })

  /** Stores story n as "Story n", published on day n of February 2026. */
  async function store(numbers: number[]): Promise<void> {
    await upsertFeedItems(database().db, feedId, identifyItems(numbers.map((n) => buildItem({
      guid: `s${n}`, url: `https://a.example/${n}`, title: `Story ${n}`, publishedAt: new Date(Date.UTC(2026, 1, n)),
    }))), new Date('2026-03-01T00:00:00Z'))
  }

  function cache(options: FeedCacheOptions = {}): FeedCache {
    return new FeedCache(database().db, silentLogger(), { revalidateAfterMs: REVALIDATE_AFTER_MS, maxStaleMs: MAX_STALE_MS, now: () => clock, ...options })
  }

  const newest = (feed: CachedFeed) => (JSON.parse(feed.codings.identity.body.toString('utf8')) as { items: { title: string }[] }).items[0]!.title

  it('serves the copy in hand until revalidateAfterMs, then while rendering again; the change shows once that render is done', async () => {
    const feeds = cache()
    const first = await feeds.get(NEWS)
    await store([4])
    clock = REVALIDATE_AFTER_MS - 1
    expect(await feeds.get(NEWS)).toBe(first)
    expect(feeds.stats().renders).toBe(1)
    clock = REVALIDATE_AFTER_MS
    expect(await feeds.get(NEWS)).toBe(first)
    // One background render however many ask meanwhile.
    expect(await feeds.get(NEWS)).toBe(first)
    expect(feeds.stats().renders).toBe(2)
    await feeds.settled()
    const changed = await feeds.get(NEWS)
    expect([newest(first), newest(changed), feeds.stats().renders]).toEqual(['Story 3', 'Story 4', 2])
    expect(changed.codings.identity.etag).not.toBe(first.codings.identity.etag)
  })

  it('never serves a copy older than maxStaleMs, and keeps the encodings when the content is unchanged', async () => {
    const feeds = cache()
    const first = await feeds.get(NEWS)
    clock = MAX_STALE_MS
    // Waits for the render, which finds the same bytes: the same document, encodings and all.
    expect(await feeds.get(NEWS)).toBe(first)
    expect(feeds.stats().renders).toBe(2)
    await store([4])
    clock = 2 * MAX_STALE_MS
    expect(newest(await feeds.get(NEWS))).toBe('Story 4')
  })

  it('renders a document once however many ask for it at the same time', async () => {
    const feeds = cache()
    const answers = await Promise.all(Array.from({ length: 5 }, () => feeds.get(NEWS)))
    expect(new Set(answers).size).toBe(1)
    expect(feeds.stats()).toMatchObject({ documents: 1, renders: 1 })
  })

  it('evicts the least recently served documents beyond maxBytes, and keeps none bigger than the bound', async () => {
    // Three documents of the same size: only the link base differs, and by no character count.
    const at = (site: string): CollectionFeedRequest => ({ ...NEWS, publicUrl: `https://${site}.example` })
    const [a, b, c] = [at('a'), at('b'), at('c')] as const
    const { codings } = await cache().get(a)
    const bytes = codings.identity.body.length + codings.gzip.body.length + codings.br.body.length
    const feeds = cache({ maxBytes: Math.floor(2.5 * bytes) })
    await feeds.get(a)
    await feeds.get(b)
    await feeds.get(a)
    await feeds.get(c)
    expect(feeds.stats()).toEqual({ documents: 2, bytes: expect.any(Number), renders: 3 })
    await feeds.get(a)
    expect(feeds.stats().renders).toBe(3)
    await feeds.get(b)
    expect(feeds.stats()).toMatchObject({ documents: 2, renders: 4 })
    expect(feeds.stats().bytes).toBeLessThanOrEqual(2.5 * bytes)

    const tiny = cache({ maxBytes: 100 })
    expect(newest(await tiny.get(NEWS))).toBe('Story 3')
    expect(tiny.stats()).toEqual({ documents: 0, bytes: 0, renders: 1 })
  })

  it('keeps nothing for an unknown collection or a bad cursor, and rethrows', async () => {
    const feeds = cache()
    await expect(feeds.get({ ...NEWS, name: 'nope' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(feeds.get({ ...NEWS, cursor: 'bjpub3Q' })).rejects.toBeInstanceOf(InputError)
    expect(feeds.stats()).toEqual({ documents: 0, bytes: 0, renders: 2 })
  })

  it('renders the first page at the default limit of every collection in every format ahead of requests', async () => {
    const feeds = cache()
    await feeds.renderDefaults({ publicUrl: NEWS.publicUrl })
    expect(feeds.stats()).toMatchObject({ documents: 6, renders: 6 })
    await feeds.get({ ...NEWS, name: 'all', format: 'atom' })
    await feeds.get(NEWS)
    expect(feeds.stats().renders).toBe(6)
  })
})
