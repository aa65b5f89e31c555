import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { deleteFeed, listCollectionStories, listItems, pruneBatch, subscribeFeed } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { paragraphsHtml, WIRE, WIRE_TITLE } from '../helpers/wire-story.js'

const T0 = new Date('2026-03-02T08:00:00Z')
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000)

describe.each(testDatabaseKinds())('story matching in the store on %s', (kind) => {
  const database = useTestDatabase(kind)

  async function feed(host: string, title: string) {
    return (await subscribeFeed(database().db, { url: `https://${host}/feed`, title, collections: [] })).feed
  }

  async function store(feedRow: { id: number }, title: string, items: Item[], now: Date) {
    return storeFeedItems(database().db, feedRow, title, identifyItems(items), now)
  }

  async function matchOf(url: string) {
    return database().db.selectFrom('items as i').innerJoin('stories as s', 's.id', 'i.story_id')
      .select(['s.public_id', 'i.match_rule', 'i.match_distance', 'i.id']).where('i.url', '=', url).executeTakeFirstOrThrow()
  }

  async function keyCount(): Promise<number> {
    const row = await database().db.selectFrom('item_match_keys').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  it('joins one wire story carried by two feeds under other links and boilerplate, by fingerprint', async () => {
    const wire = await feed('wire.example', 'Wire Service')
    const farm = await feed('farm.example', 'Content Farm')
    await store(wire, 'Wire Service', [buildItem({ guid: 'w1', url: 'https://wire.example/aldwater', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 })], T0)
    const counts = await store(farm, 'Content Farm', [buildItem({
      guid: 'f1', url: 'https://farm.example/2026/03/aldwater-flood-bridge', title: `${WIRE_TITLE} – Content Farm`,
      contentHtml: paragraphsHtml([...WIRE, 'You may also like: Ten bridges you must see before you die', 'Comments are closed. We use cookies to improve your experience.']),
      publishedAt: hours(3),
    })], hours(3))

    const original = await matchOf('https://wire.example/aldwater')
    const copy = await matchOf('https://farm.example/2026/03/aldwater-flood-bridge')
    expect(counts.matches).toEqual({ [copy.match_rule]: 1 })
    expect(['fingerprint', 'lead']).toContain(copy.match_rule)
    expect(copy.match_distance).toEqual(expect.any(Number))
    expect(copy.public_id).toBe(original.public_id)
    expect(original.match_rule).toBe('first')
    // The listing explains the grouping: rule and distance, as `items --json` and /api/items show them.
    const listed = (await listItems(database().db, { limit: 10 })).items.find((i) => i.id === Number(copy.id))
    expect([listed?.matchRule, listed?.matchDistance]).toEqual([copy.match_rule, copy.match_distance])
  })

  it('lets a collection prefer a source, or show near-duplicates apart with stable ids', async () => {
    const wire = await feed('wire.example', 'Wire Service')
    const farm = await feed('farm.example', 'Content Farm')
    await store(wire, 'Wire Service', [buildItem({ guid: 'w1', url: 'https://wire.example/aldwater', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: hours(0) })], hours(1))
    await store(farm, 'Content Farm', [buildItem({
      guid: 'f1', url: 'https://farm.example/aldwater', title: `${WIRE_TITLE} – Content Farm`, contentHtml: paragraphsHtml([...WIRE, 'Comments are closed.']), publishedAt: hours(2),
    })], hours(3))
    const scope = { feedIds: null, includeTerms: [], excludeTerms: [] }
    const merged = await listCollectionStories(database().db, scope, { limit: 10 })
    expect(merged.entries.map((e) => [e.url, e.sources.map((s) => s.feedId)])).toEqual([['https://wire.example/aldwater', [wire.id, farm.id]]])
    const preferred = await listCollectionStories(database().db, { ...scope, sourcePriority: [farm.id] }, { limit: 10 })
    expect(preferred.entries.map((e) => [e.id, e.url, e.sources.map((s) => s.feedId)])).toEqual([[merged.entries[0]!.id, 'https://farm.example/aldwater', [farm.id, wire.id]]])
    const apart = await listCollectionStories(database().db, { ...scope, mergeNearDuplicates: false }, { limit: 10 })
    expect(apart.entries.map((e) => e.url)).toEqual(['https://wire.example/aldwater', 'https://farm.example/aldwater'])
    expect(apart.entries[0]!.id).toBe(merged.entries[0]!.id)
    expect(apart.entries[1]!.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const again = await listCollectionStories(database().db, { ...scope, mergeNearDuplicates: false }, { limit: 10 })
    expect(again.entries.map((e) => e.id)).toEqual(apart.entries.map((e) => e.id))
  })

  it('keeps a live page apart: one feed, one link, different texts', async () => {
    const live = await feed('live.example', 'Live')
    const url = 'https://live.example/live/election'
    await store(live, 'Live', [buildItem({ guid: 'u1', url, title: 'Election live: polls open', contentHtml: paragraphsHtml(WIRE), publishedAt: T0 })], T0)
    await store(live, 'Live', [buildItem({
      guid: 'u2', url, title: 'Election live: turnout high at noon',
      contentHtml: paragraphsHtml(['Turnout passed forty percent by noon in the northern districts, officials said, with queues reported at schools and church halls across the city.',
        'Candidates spent the morning visiting markets, and the electoral commission repeated that results would not be published before midnight on Sunday evening at the earliest.']),
      publishedAt: hours(4),
    })], hours(4))
    const items = (await listItems(database().db, { limit: 10 })).items
    expect(items).toHaveLength(2)
    expect(new Set(items.map((i) => i.storyId)).size).toBe(2)
  })

  it('keeps copies published further apart than the window as separate stories', async () => {
    const a = await feed('a.example', 'A')
    const b = await feed('b.example', 'B')
    await store(a, 'A', [buildItem({ guid: 'a', url: 'https://a.example/x', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 })], T0)
    await store(b, 'B', [buildItem({ guid: 'b', url: 'https://b.example/y', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: hours(5 * 24) })], hours(5 * 24))
    expect((await matchOf('https://b.example/y')).match_rule).toBe('first')
    expect((await matchOf('https://a.example/x')).public_id).not.toBe((await matchOf('https://b.example/y')).public_id)
  })

  it('lets a late copy join the existing story, whose public id stays, and an edit keep its story', async () => {
    const a = await feed('a.example', 'A')
    const b = await feed('b.example', 'B')
    const first = buildItem({ guid: 'a', url: 'https://a.example/x', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 })
    await store(a, 'A', [first], T0)
    const before = await matchOf('https://a.example/x')
    await store(b, 'B', [buildItem({ guid: 'b', url: 'https://b.example/y', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE.slice(0, 3)), publishedAt: hours(30) })], hours(40))
    expect((await matchOf('https://b.example/y')).public_id).toBe(before.public_id)
    expect((await matchOf('https://a.example/x')).public_id).toBe(before.public_id)

    // Rewritten entirely: its features and keys change, its story does not.
    const keysBefore = await database().db.selectFrom('item_match_keys').select('key').where('item_id', '=', before.id).execute()
    const edited = { ...first, title: 'Council reopens the old stone bridge', contentHtml: paragraphsHtml(['Divers found no damage to the piers.']) }
    expect(await store(a, 'A', [edited], hours(50))).toMatchObject({ updated: 1, created: 0 })
    const after = await matchOf('https://a.example/x')
    expect(after.public_id).toBe(before.public_id)
    const keysAfter = await database().db.selectFrom('item_match_keys').select('key').where('item_id', '=', before.id).execute()
    expect(keysAfter.length).toBeGreaterThan(0)
    expect(keysAfter).not.toEqual(keysBefore)
  })

  it('indexes match keys and drops them with their items, on feed removal and on pruning', async () => {
    const a = await feed('a.example', 'A')
    const b = await feed('b.example', 'B')
    await store(a, 'A', [buildItem({ guid: 'a', url: 'https://a.example/x', title: WIRE_TITLE, contentHtml: paragraphsHtml(WIRE), publishedAt: T0 })], T0)
    await store(b, 'B', [buildItem({ guid: 'b', url: 'https://b.example/y', title: 'Another story entirely today', contentHtml: paragraphsHtml(WIRE.slice(1)), publishedAt: hours(1) })], hours(1))
    const both = await keyCount()
    expect(both).toBeGreaterThan(0)
    await deleteFeed(database().db, b.id)
    const left = await keyCount()
    expect(left).toBeGreaterThan(0)
    expect(left).toBeLessThan(both)
    await database().db.transaction().execute((trx) => pruneBatch(trx, { maxAgeDays: 1, maxItemsPerFeed: 0 }, hours(24 * 10), 100))
    expect(await keyCount()).toBe(0)
  })
})
