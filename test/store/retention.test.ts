import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { silentLogger } from '../../src/log/index.js'
import { pruneExpired } from '../../src/retention/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { listItems, previewPrune, subscribeFeed } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

const NOW = new Date('2026-06-01T00:00:00Z')
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000)

describe.each(testDatabaseKinds())('retention on %s', (kind) => {
  const database = useTestDatabase(kind)

  async function seed() {
    const db = database().db
    const a = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const b = (await subscribeFeed(db, { url: 'https://b.example/feed', title: null, collections: [] })).feed
    const aItems = identifyItems([
      buildItem({ guid: 'a-old', url: 'https://news.example/shared', title: 'Shared story (A)', publishedAt: daysAgo(40) }),
      buildItem({ guid: 'a-mid', url: 'https://a.example/mid', title: 'A mid', publishedAt: daysAgo(20) }),
      buildItem({ guid: 'a-new', url: 'https://a.example/new', title: 'A new', publishedAt: daysAgo(1) }),
    ])
    const bItems = identifyItems([
      buildItem({ guid: 'b-copy', url: 'https://news.example/shared', title: 'Shared story (B)', publishedAt: daysAgo(2) }),
      buildItem({ guid: 'b-old', url: 'https://b.example/old', title: 'B old', publishedAt: daysAgo(90) }),
    ])
    await storeFeedItems(db, a, null, aItems, NOW)
    await storeFeedItems(db, b, null, bItems, NOW)
    return { a, b, aItems }
  }

  it('previews, then prunes items past the age limit, keeping stories other copies still hold', async () => {
    const { a, b, aItems } = await seed()
    const db = database().db
    const policy = { maxAgeDays: 30, maxItemsPerFeed: 0 }
    expect(await previewPrune(db, policy, NOW)).toEqual({ items: 2, stories: 1, byFeed: [{ feedId: a.id, items: 1 }, { feedId: b.id, items: 1 }] })
    expect(await pruneExpired({ db, log: silentLogger(), policy, now: () => NOW })).toEqual({ items: 2, stories: 1 })
    const left = await listItems(db, { limit: 10 })
    expect(left.items.map((i) => i.title)).toEqual(['A new', 'Shared story (B)', 'A mid'])
    // The shared story lost its first copy but keeps its id through the copy B still has.
    const storyCount = await db.selectFrom('stories').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    expect(Number(storyCount.n)).toBe(3)

    // Feed A still lists its pruned item: the tombstone keeps it from coming back as new.
    expect(await storeFeedItems(db, a, null, aItems, NOW)).toMatchObject({ created: 0, unchanged: 2 })
    expect(await previewPrune(db, policy, NOW)).toEqual({ items: 0, stories: 0, byFeed: [] })
  })

  it('keeps only the newest items of each feed when a count limit is set', async () => {
    const { a } = await seed()
    const db = database().db
    const total = await pruneExpired({ db, log: silentLogger(), policy: { maxAgeDays: 0, maxItemsPerFeed: 1 }, now: () => NOW })
    expect(total).toEqual({ items: 3, stories: 2 })
    expect((await listItems(db, { limit: 10 })).items.map((i) => i.title)).toEqual(['A new', 'Shared story (B)'])
    expect((await listItems(db, { feedId: a.id, limit: 10 })).items).toHaveLength(1)
  })

  it('prunes nothing when the policy keeps everything', async () => {
    await seed()
    const db = database().db
    expect(await pruneExpired({ db, log: silentLogger(), policy: { maxAgeDays: 0, maxItemsPerFeed: 0 }, now: () => NOW })).toEqual({ items: 0, stories: 0 })
    expect((await listItems(db, { limit: 10 })).items).toHaveLength(5)
  })
})
