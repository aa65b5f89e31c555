import { describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import type { Item } from '../../src/model/index.js'
import { storeFeedItems } from '../helpers/store-items.js'
import { ensureSearchSettings, listItems, subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

function item(n: number, overrides: Partial<Item>): Item {
  return buildItem({ guid: `g${n}`, url: `https://a.example/${n}`, title: `Item ${n}`, publishedAt: new Date(Date.UTC(2026, 0, 1, 0, n)), ...overrides })
}

describe.each(testDatabaseKinds())('store/item-search on %s', (kind) => {
  const database = useTestDatabase(kind)

  async function seed(feedUrl: string, items: Item[]): Promise<number> {
    const { feed } = await subscribeFeed(database().db, { url: feedUrl, title: null, collections: [] })
    await storeFeedItems(database().db, feed, null, identifyItems(items), new Date('2026-01-02T00:00:00Z'))
    return feed.id
  }

  it('ranks title matches over body matches and highlights the words in an escaped snippet', async () => {
    await seed('https://a.example/feed', [
      item(1, { title: 'Budget news', summary: 'The council discussed the harbour bridge & the <ferry> plan.' }),
      item(2, { title: 'Harbour bridge reopens', summary: 'Traffic flows again over the harbour bridge.' }),
      item(3, { title: 'Weather', summary: 'Sunny all week.' }),
    ])
    const ranked = await listItems(database().db, { q: 'harbour bridge', sort: 'rank', limit: 10 })
    expect(ranked.items.map((i) => i.title)).toEqual(['Harbour bridge reopens', 'Budget news'])
    expect(ranked.items[1]!.snippet).toBe('The council discussed the <mark>harbour</mark> <mark>bridge</mark> &amp; the &lt;ferry&gt; plan.')
    const newest = await listItems(database().db, { q: 'harbour bridge', limit: 10 })
    expect(newest.items.map((i) => i.title)).toEqual(['Harbour bridge reopens', 'Budget news'])
    await expect(listItems(database().db, { sort: 'rank', limit: 10 })).rejects.toThrow('sort: "rank" needs a search query (q)')
  })

  it('filters by author and category, case-insensitively', async () => {
    await seed('https://a.example/feed', [
      item(1, { author: 'Ada Lovelace', categories: ['Science', 'History'] }),
      item(2, { author: 'Charles Babbage', categories: ['science'] }),
      item(3, { author: 'Ada Byron', categories: ['Poetry'] }),
    ])
    expect((await listItems(database().db, { author: 'ada', limit: 10 })).items.map((i) => i.title)).toEqual(['Item 3', 'Item 1'])
    expect((await listItems(database().db, { category: 'SCIENCE', limit: 10 })).items.map((i) => i.title)).toEqual(['Item 2', 'Item 1'])
    expect((await listItems(database().db, { author: '100%_', limit: 10 })).items).toEqual([])
  })

  it('shows one copy per story when asked, and every copy otherwise', async () => {
    await seed('https://a.example/feed', [item(1, { url: 'https://news.example/story', title: 'Copy A' })])
    await seed('https://b.example/feed', [item(2, { url: 'https://news.example/story?utm_source=b', title: 'Copy B' }), item(3, { title: 'Other' })])
    expect((await listItems(database().db, { limit: 10 })).items.map((i) => [i.title, i.matchRule])).toEqual([
      ['Other', 'first'], ['Copy B', 'canonical_url'], ['Copy A', 'first'],
    ])
    expect((await listItems(database().db, { perStory: true, limit: 10 })).items.map((i) => i.title)).toEqual(['Other', 'Copy B'])
  })

  it('keeps ranked pages stable while new matching items arrive', async () => {
    const feedId = await seed('https://a.example/feed', Array.from({ length: 5 }, (_, n) => item(n, { title: `Harbour note ${n}`, summary: 'harbour '.repeat(n + 1) })))
    const first = await listItems(database().db, { q: 'harbour', sort: 'rank', limit: 2 })
    await upsertFeedItems(database().db, feedId, identifyItems([item(9, { title: 'Harbour harbour harbour', summary: 'harbour harbour harbour harbour' })]), new Date())
    const rest = await listItems(database().db, { q: 'harbour', sort: 'rank', limit: 10, cursor: first.nextCursor! })
    const titles = [...first.items, ...rest.items].map((i) => i.title)
    expect(titles).toHaveLength(5)
    expect(new Set(titles).size).toBe(5)
    expect(titles).not.toContain('Harbour harbour harbour')
  })

  it('indexes the first contentChars characters of the content, and all of it once the setting grows', async () => {
    const contentHtml = `<p>${'filler '.repeat(200)}</p><p>The lighthouse keeper retired.</p>`
    await seed('https://a.example/feed', [item(1, { title: 'Coastal notes', summary: 'Notes from the coast.', contentHtml })])
    expect((await listItems(database().db, { q: 'filler', limit: 10 })).items.map((i) => i.title)).toEqual(['Coastal notes'])
    expect((await listItems(database().db, { q: 'lighthouse', limit: 10 })).items).toEqual([])
    expect(await ensureSearchSettings(database().db, { language: 'english', contentChars: 2000 })).toBe(1)
    expect((await listItems(database().db, { q: 'lighthouse', limit: 10 })).items.map((i) => i.title)).toEqual(['Coastal notes'])
    expect(await ensureSearchSettings(database().db, { language: 'english', contentChars: 2000 })).toBe(0)
    await ensureSearchSettings(database().db, { language: 'english', contentChars: 1000 })
  })

  it('re-indexes in a new language when the configuration changes', async () => {
    await seed('https://a.example/feed', [item(1, { title: 'Die Häuser der Stadt', summary: 'Viele Häuser stehen leer.' })])
    expect((await listItems(database().db, { q: 'Haus', limit: 10 })).items).toHaveLength(0)
    expect(await ensureSearchSettings(database().db, { language: 'german', contentChars: 1000 })).toBe(1)
    expect((await listItems(database().db, { q: 'Häuser', limit: 10 })).items.map((i) => i.title)).toEqual(['Die Häuser der Stadt'])
    expect(await ensureSearchSettings(database().db, { language: 'german', contentChars: 1000 })).toBe(0)
    await expect(ensureSearchSettings(database().db, { language: 'klingon', contentChars: 1000 })).rejects.toThrow('TRIBUTARY_SEARCH_LANGUAGE: the database has no text search configuration "klingon"')
    await ensureSearchSettings(database().db, { language: 'english', contentChars: 1000 })
  })
})
