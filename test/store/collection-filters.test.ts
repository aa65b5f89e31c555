import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { listCollectionStories, subscribeFeed, upsertFeedItems, type Executor } from '../../src/store/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

const HOUR = 3_600_000
const scope = { feedIds: null, includeTerms: [], excludeTerms: [] }

async function titles(db: Executor, extra: object): Promise<string[]> {
  return (await listCollectionStories(db, { ...scope, ...extra }, { limit: 100 })).entries.map((e) => e.title)
}

describe.each(testDatabaseKinds())('collection filters on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('leaves out stories older than the maximum age, measured from now', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const now = Date.now()
    await upsertFeedItems(db, feed.id, identifyItems([
      buildItem({ guid: '1', url: 'https://a.example/1', title: 'Fresh', publishedAt: new Date(now - 1 * HOUR) }),
      buildItem({ guid: '2', url: 'https://a.example/2', title: 'Yesterday', publishedAt: new Date(now - 23 * HOUR) }),
      buildItem({ guid: '3', url: 'https://a.example/3', title: 'Last week', publishedAt: new Date(now - 7 * 24 * HOUR) }),
    ]), new Date(now))
    expect(await titles(db, { maxAgeSeconds: 24 * 3600 })).toEqual(['Fresh', 'Yesterday'])
    expect(await titles(db, { maxAgeSeconds: 2 * 3600 })).toEqual(['Fresh'])
    expect(await titles(db, { maxAgeSeconds: null })).toEqual(['Fresh', 'Yesterday', 'Last week'])
  })

  it('keeps only each source\'s newest stories of a UTC day up to the cap, and a capped story a quieter source also carries', async () => {
    const { db } = database()
    const busy = (await subscribeFeed(db, { url: 'https://busy.example/feed', title: 'Busy', collections: [] })).feed
    const quiet = (await subscribeFeed(db, { url: 'https://quiet.example/feed', title: 'Quiet', collections: [] })).feed
    const day1 = Date.parse('2026-03-01T00:00:00Z')
    const day2 = Date.parse('2026-03-02T00:00:00Z')
    const busyItems = [
      ...[1, 2, 3, 4, 5].map((n) => buildItem({ guid: `d1-${n}`, url: `https://busy.example/d1-${n}`, title: `Busy day 1 #${n}`, publishedAt: new Date(day1 + n * HOUR) })),
      ...[1, 2, 3].map((n) => buildItem({ guid: `d2-${n}`, url: `https://busy.example/d2-${n}`, title: `Busy day 2 #${n}`, publishedAt: new Date(day2 + n * HOUR) })),
    ]
    await storeFeedItems(db, busy, 'Busy', identifyItems(busyItems), new Date(day2 + 12 * HOUR))
    await storeFeedItems(db, quiet, 'Quiet', identifyItems([
      // The same link as the busy feed's oldest story of day 1: it stays in through the quiet source.
      buildItem({ guid: 'q1', url: 'https://busy.example/d1-1', title: 'Quiet copy', publishedAt: new Date(day1 + 1 * HOUR) }),
      buildItem({ guid: 'q2', url: 'https://quiet.example/2', title: 'Quiet own', publishedAt: new Date(day1 + 90 * 60_000) }),
    ]), new Date(day2 + 12 * HOUR))

    expect(await titles(db, { perSourceCap: 2 })).toEqual([
      'Busy day 2 #3', 'Busy day 2 #2',
      'Busy day 1 #5', 'Busy day 1 #4',
      'Quiet own', 'Busy day 1 #1',
    ])
    expect(await titles(db, { perSourceCap: 2, feedIds: [busy.id] })).toEqual(['Busy day 2 #3', 'Busy day 2 #2', 'Busy day 1 #5', 'Busy day 1 #4'])
    expect(await titles(db, { perSourceCap: 10 })).toHaveLength(9)
  })

  it('counts the cap among the items that pass the word filters', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const t = Date.parse('2026-03-01T00:00:00Z')
    await upsertFeedItems(db, feed.id, identifyItems([
      buildItem({ guid: '1', url: 'https://a.example/1', title: 'Rust one', publishedAt: new Date(t + 1 * HOUR) }),
      buildItem({ guid: '2', url: 'https://a.example/2', title: 'Rust two', publishedAt: new Date(t + 2 * HOUR) }),
      buildItem({ guid: '3', url: 'https://a.example/3', title: 'Go three', publishedAt: new Date(t + 3 * HOUR) }),
    ]), new Date(t + 4 * HOUR))
    expect(await titles(db, { perSourceCap: 1, includeTerms: ['rust'] })).toEqual(['Rust two'])
  })
})
