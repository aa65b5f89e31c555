import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { STORY_LOCK } from '../../src/store/items.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { getFeedStatusOrThrow, subscribeFeed, listCollectionStories, listItems, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

function item(overrides: Partial<Item>): Item {
  return buildItem({ title: 'Title', ...overrides })
}

const T0 = new Date('2026-01-10T12:00:00.000Z')
const T1 = new Date('2026-01-10T13:00:00.000Z')

describe.each(testDatabaseKinds())('store/items on %s', (kind) => {
  const database = useTestDatabase(kind)

  it('stores new items, leaves a repeat unchanged, and updates an edit in place', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const first = identifyItems([
      item({ guid: 'a1', url: 'https://a.example/1', title: 'One', publishedAt: T0 }),
      item({ guid: 'a2', url: 'https://a.example/2', title: 'Two', publishedAt: T1 }),
    ])
    expect(await upsertFeedItems(db, feed.id, first, T1)).toEqual({ created: 2, updated: 0, unchanged: 0, matches: { first: 2 }, guidChanges: 0 })
    expect(await upsertFeedItems(db, feed.id, first, T1)).toEqual({ created: 0, updated: 0, unchanged: 2, matches: {}, guidChanges: 0 })

    const before = await listItems(db, { limit: 10 })
    const edited = identifyItems([item({ guid: 'a1', url: 'https://a.example/1', title: 'One, edited', publishedAt: T0 })])
    expect(await upsertFeedItems(db, feed.id, edited, T1)).toEqual({ created: 0, updated: 1, unchanged: 0, matches: {}, guidChanges: 0 })
    const after = await listItems(db, { limit: 10 })

    expect(after.items.map((i) => [i.id, i.storyId, i.title])).toEqual([
      [before.items[0]!.id, before.items[0]!.storyId, 'Two'],
      [before.items[1]!.id, before.items[1]!.storyId, 'One, edited'],
    ])
  })

  it('updates an article in place when the feed gives it a new guid on every fetch, and counts it on the feed', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const fetchWithGuids = (suffix: string) => storeFeedItems(db, feed, null, identifyItems([
      item({ guid: `one-${suffix}`, url: 'https://a.example/1', title: 'One', publishedAt: T0 }),
      item({ guid: `two-${suffix}`, url: 'https://a.example/2', title: 'Two', publishedAt: T1 }),
    ]), T1)
    expect(await fetchWithGuids('a')).toMatchObject({ created: 2, guidChanges: 0 })
    const before = await listItems(db, { limit: 10 })
    const scope = { feedIds: null, includeTerms: [], excludeTerms: [] }
    const entriesBefore = (await listCollectionStories(db, scope, { limit: 10 })).entries
    expect(await fetchWithGuids('b')).toMatchObject({ created: 0, guidChanges: 2 })
    expect(await fetchWithGuids('b')).toMatchObject({ created: 0, unchanged: 2, guidChanges: 0 })
    const after = await listItems(db, { limit: 10 })
    expect(after.items.map((i) => [i.id, i.storyId])).toEqual(before.items.map((i) => [i.id, i.storyId]))
    expect((await getFeedStatusOrThrow(db, feed.id)).guidChanges).toBe(2)
    // Only the guids changed: no entry looks edited to readers.
    const entriesAfter = (await listCollectionStories(db, scope, { limit: 10 })).entries
    expect(entriesAfter.map((e) => [e.id, e.updatedAt])).toEqual(entriesBefore.map((e) => [e.id, e.updatedAt]))
  })

  it('joins copies with the same canonical link from two feeds into one story', async () => {
    const { db } = database()
    const a = (await subscribeFeed(db, { url: 'https://a.example/feed', title: 'A', collections: [] })).feed
    const b = (await subscribeFeed(db, { url: 'https://b.example/feed', title: 'B', collections: [] })).feed
    await storeFeedItems(db, a, 'A', identifyItems([item({ guid: 'x', url: 'https://news.example/story?utm_source=a', title: 'Story', publishedAt: T1 })]), T1)
    const late = await storeFeedItems(db, b, 'B', identifyItems([item({ guid: 'y', url: 'https://NEWS.example/story#top', title: 'Story (B)', publishedAt: T0 })]), T1)
    expect(late.matches).toEqual({ canonical_url: 1 })

    const page = await listCollectionStories(db, { feedIds: null, includeTerms: [], excludeTerms: [] }, { limit: 10 })
    expect(page.entries).toHaveLength(1)
    const entry = page.entries[0]!
    expect(entry.title).toBe('Story (B)')
    expect(entry.publishedAt).toEqual(T0)
    expect(entry.sources.map((s) => s.feedUrl)).toEqual(['https://b.example/feed', 'https://a.example/feed'])
  })

  it('pages through items and stories with a stable keyset cursor', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const items = Array.from({ length: 5 }, (_, n) =>
      item({ guid: `g${n}`, url: `https://a.example/${n}`, title: `Item ${n}`, publishedAt: new Date(T0.getTime() + n * 60_000) }))
    await upsertFeedItems(db, feed.id, identifyItems(items), T1)

    const titles: string[] = []
    let cursor: string | undefined
    do {
      const page = await listItems(db, { limit: 2, ...(cursor && { cursor }) })
      titles.push(...page.items.map((i) => i.title))
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(titles).toEqual(['Item 4', 'Item 3', 'Item 2', 'Item 1', 'Item 0'])

    const first = await listCollectionStories(db, { feedIds: [feed.id], includeTerms: [], excludeTerms: [] }, { limit: 3 })
    const second = await listCollectionStories(db, { feedIds: [feed.id], includeTerms: [], excludeTerms: [] }, { limit: 3, cursor: first.nextCursor! })
    expect([...first.entries, ...second.entries].map((e) => e.title)).toEqual(['Item 4', 'Item 3', 'Item 2', 'Item 1', 'Item 0'])
    expect(second.nextCursor).toBeNull()
  })

  it('filters by full-text query and by whole-word include and exclude terms', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    await upsertFeedItems(db, feed.id, identifyItems([
      item({ guid: '1', title: 'Rust 2.0 released', summary: 'The language ships async traits', publishedAt: T0 }),
      item({ guid: '2', title: 'Trusted builds', summary: 'Reproducible pipelines', publishedAt: T1 }),
      item({ guid: '3', title: 'Rust in the kernel', summary: 'Drivers, sponsored post', publishedAt: T1 }),
    ]), T1)
    const search = await listItems(db, { q: 'rust -kernel', limit: 10 })
    expect(search.items.map((i) => i.title)).toEqual(['Rust 2.0 released'])
    const filtered = await listItems(db, { includeTerms: ['rust'], excludeTerms: ['sponsored post'], limit: 10 })
    expect(filtered.items.map((i) => i.title)).toEqual(['Rust 2.0 released'])
  })
})

// Only PostgreSQL has a second connection to store a copy with while the first document waits for the lock.
describe.each(testDatabaseKinds().filter((kind) => kind === 'postgres'))('store/items on %s, two writers', (kind) => {
  const database = useTestDatabase(kind)

  it('joins a copy another writer stored between its lookup and its lock, instead of starting a second story', async () => {
    const { db } = database()
    const first = (await subscribeFeed(db, { url: 'https://a.example/feed', title: null, collections: [] })).feed
    const second = (await subscribeFeed(db, { url: 'https://b.example/feed', title: null, collections: [] })).feed
    const copy = (guid: string) => identifyItems([item({ guid, url: 'https://news.example/story', title: 'The same story', publishedAt: T0 })])
    await db.connection().execute(async (holder) => {
      // Hold the story lock, so that the first writer looks up (finding nothing) and then waits for it.
      await sql`select pg_advisory_lock(${STORY_LOCK})`.execute(holder)
      const waiting = db.transaction().execute((trx) => storeFeedItems(trx, first, null, copy('a'), T1))
      while (Number((await sql<{ n: string }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(holder)).rows[0]!.n) === 0) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      // The second writer (this session holds the lock already) stores its copy and commits.
      await holder.transaction().execute((trx) => storeFeedItems(trx, second, null, copy('b'), T1))
      await sql`select pg_advisory_unlock(${STORY_LOCK})`.execute(holder)
      expect(await waiting).toMatchObject({ created: 1, matches: { canonical_url: 1 } })
    })
    const stored = await db.selectFrom('items').select(['feed_id', 'story_id']).orderBy('feed_id').execute()
    expect(stored.map((row) => row.feed_id)).toEqual([first.id, second.id])
    expect(new Set(stored.map((row) => row.story_id)).size).toBe(1)
    // The story the first writer had started for its copy, before it saw the other, is gone.
    expect(await db.selectFrom('stories').select('id').execute()).toEqual([{ id: stored[0]!.story_id }])
    expect((await db.selectFrom('item_batches').select('item_ids').orderBy('seq').execute()).map((row) => row.item_ids.length)).toEqual([1, 1])
  })

})
