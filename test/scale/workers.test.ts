import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { normalizeFeed } from '../../src/normalize/index.js'
import { parseFeed } from '../../src/parse/index.js'
import { resetDatabase, testDatabaseKinds } from '../helpers/test-database.js'
import { buildCorpus, corpusOpml, type Corpus } from './helpers/feed-corpus.js'
import { startFeedServer, type FeedServer } from './helpers/feed-server.js'
import { createScaleDatabase, itemsPerFeed, makeEveryFeedDue, storedTotals, storiesByLink, type ScaleDatabase } from './helpers/scale-database.js'
import { drainSummary, runTributary, type Exit } from './helpers/tributary-process.js'

// 1,000 feeds over ten loopback addresses (all of 127/8 is loopback on Linux), so that the per-host
// budget, counted per host:port, leaves room for four workers of 16 fetches each.
const ADDRESSES = Array.from({ length: 10 }, (_, n) => `127.0.0.${n + 1}`)
const SHAPE = { feeds: 1000, itemsPerFeed: 5, sharedLinks: 50, copiesPerSharedLink: 5 } as const
const WORKERS = 4

describe('the scale corpus', () => {
  it('reads as 1,000 feeds of five distinct items, with 50 links carried by five feeds each', async () => {
    const corpus = buildCorpus({ ...SHAPE, origins: ADDRESSES.map((address) => `http://${address}:8080`), name: 'check' })
    expect(new Set(corpus.feeds.map((feed) => feed.url)).size).toBe(1000)
    const storyUrls = new Map<string, number>()
    for (const feed of corpus.feeds) {
      const parsed = await parseFeed(Buffer.from(feed.body), { url: feed.url, contentType: feed.contentType })
      const items = identifyItems(normalizeFeed(parsed, { feedUrl: feed.url, now: new Date() }).items)
      expect(new Set(items.map((item) => item.itemKey)).size).toBe(5)
      for (const item of items) storyUrls.set(item.storyUrl!, (storyUrls.get(item.storyUrl!) ?? 0) + 1)
    }
    expect(storyUrls.size).toBe(4750 + 50)
    expect([...storyUrls.values()].filter((copies) => copies > 1)).toEqual(Array(50).fill(5))
    expect(corpus).toMatchObject({ expectedItems: 5000, expectedStories: 4800 })
  })
})

// Several worker processes only share one database on PostgreSQL (the embedded one serves one process).
describe.each(testDatabaseKinds().filter((kind) => kind === 'postgres'))('%s workers sharing the feeds', () => {
  let database: ScaleDatabase
  let tmpDir: string
  let server: FeedServer | undefined

  beforeAll(async () => {
    database = await createScaleDatabase()
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-scale-'))
  })
  afterEach(async () => {
    await server?.close()
    server = undefined
  })
  afterAll(async () => {
    await database?.drop()
    if (tmpDir !== undefined) await fs.rm(tmpDir, { recursive: true, force: true })
  })

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    DATABASE_URL: database.url,
    TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'true',
    TRIBUTARY_LOG_LEVEL: 'warn',
    ...extra,
  })

  async function subscribe(corpus: Corpus): Promise<void> {
    const file = path.join(tmpDir, `${corpus.feeds.length}-feeds.opml`)
    await fs.writeFile(file, corpusOpml(corpus))
    const imported = await runTributary(['import', file], env())
    expect(imported.code, imported.stderr).toBe(0)
  }

  function drainAtOnce(extra: Record<string, string>): Promise<Exit[]> {
    return Promise.all(Array.from({ length: WORKERS }, () => runTributary(['worker', '--drain'], env(extra))))
  }

  it('fetches each of 1,000 feeds once per due time across four workers, storing every item and story once', { timeout: 240_000 }, async () => {
    server = await startFeedServer({ addresses: ADDRESSES })
    const corpus = buildCorpus({ ...SHAPE, origins: server.origins, name: 'spread' })
    server.publish(corpus.feeds)
    await subscribe(corpus)
    const limits = { TRIBUTARY_FETCH_CONCURRENCY: '16', TRIBUTARY_FETCH_PER_HOST: '8' }

    const first = (await drainAtOnce(limits)).map(drainSummary)
    expect(first.map((share) => share.failed)).toEqual([0, 0, 0, 0])
    // Each worker took part; together they fetched every feed.
    for (const share of first) expect(share.fetched).toBeGreaterThan(0)
    expect(first.reduce((sum, share) => sum + share.fetched, 0)).toBe(1000)
    expect(corpus.feeds.filter((feed) => server!.requestsFor(feed.url).length !== 1).map((feed) => feed.url)).toEqual([])
    expect(server.requests).toHaveLength(1000)

    const db = database.db
    expect(await storedTotals(db)).toEqual({
      items: corpus.expectedItems, stories: corpus.expectedStories, duplicateItems: [], emptyStories: 0, leasedFeeds: 0, failedFeeds: [],
    })
    expect([...(await itemsPerFeed(db)).values()].filter((count) => count !== 5)).toEqual([])
    const shared = await storiesByLink(db, corpus.sharedLinks)
    expect(shared.size).toBe(corpus.sharedLinks.length)
    for (const link of corpus.sharedLinks) expect(shared.get(link), link).toEqual({ items: 5, stories: 1 })

    // The next due time: every feed once more, asked conditionally, and nothing new stored.
    await makeEveryFeedDue(db)
    const second = (await drainAtOnce(limits)).map(drainSummary)
    expect(second.map((share) => share.failed)).toEqual([0, 0, 0, 0])
    expect(second.reduce((sum, share) => sum + share.fetched, 0)).toBe(1000)
    const unexpected = corpus.feeds.flatMap((feed) => {
      const [, again, ...more] = server!.requestsFor(feed.url)
      return again !== undefined && more.length === 0 && again.ifNoneMatch !== null && again.status === 304
        ? []
        : [{ url: feed.url, requests: server!.requestsFor(feed.url) }]
    })
    expect(unexpected).toEqual([])
    expect(await storedTotals(db)).toEqual({
      items: corpus.expectedItems, stories: corpus.expectedStories, duplicateItems: [], emptyStories: 0, leasedFeeds: 0, failedFeeds: [],
    })
  })

  it('keeps every host to TRIBUTARY_FETCH_PER_HOST fetches at once, counted over all four workers', { timeout: 120_000 }, async () => {
    await resetDatabase(database.db)
    // Slow answers keep each fetch in flight long enough for the workers to overlap on a host.
    server = await startFeedServer({ addresses: ['127.0.0.21', '127.0.0.22', '127.0.0.23'], delayMs: 100 })
    const corpus = buildCorpus({ feeds: 36, itemsPerFeed: 5, sharedLinks: 0, copiesPerSharedLink: 0, origins: server.origins, name: 'budget' })
    server.publish(corpus.feeds)
    await subscribe(corpus)

    const shares = (await drainAtOnce({ TRIBUTARY_FETCH_CONCURRENCY: '16', TRIBUTARY_FETCH_PER_HOST: '2' })).map(drainSummary)
    expect(shares.reduce((sum, share) => sum + share.fetched, 0)).toBe(36)
    expect(shares.map((share) => share.failed)).toEqual([0, 0, 0, 0])
    expect(corpus.feeds.filter((feed) => server!.requestsFor(feed.url).length !== 1).map((feed) => feed.url)).toEqual([])
    const peaks = server.maxInFlight()
    expect([...peaks.keys()].sort()).toEqual([...server.origins].sort())
    for (const [origin, peak] of peaks) expect(peak, origin).toBeLessThanOrEqual(2)
    // The budget was reached, not just respected by fetching one at a time.
    expect(Math.max(...peaks.values())).toBe(2)
    expect(await storedTotals(database.db)).toMatchObject({ items: 36 * 5, duplicateItems: [], leasedFeeds: 0, failedFeeds: [] })
  })
})
