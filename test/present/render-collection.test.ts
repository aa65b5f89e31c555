import { beforeEach, describe, expect, it } from 'vitest'
import { identifyItems } from '../../src/dedupe/index.js'
import { DEFAULT_FEED_LIMIT, renderCollection, type CollectionFeedRequest } from '../../src/present/index.js'
import { subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { buildItem } from '../helpers/build-item.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'

const HUB = 'https://hub.example/'
const ICON = 'https://planet.example/icon.png'

interface JsonDocument {
  feed_url: string
  next_url?: string
  hubs?: { type: string; url: string }[]
  icon?: string
  favicon?: string
  _tributary: { first_url: string; previous_url?: string }
  items: { title: string }[]
}

describe.each(testDatabaseKinds())('renderCollection on %s', (kind) => {
  const database = useTestDatabase(kind)

  beforeEach(async () => {
    const { db } = database()
    const { feed } = await subscribeFeed(db, { url: 'https://a.example/feed', title: 'A', collections: ['news'] })
    await upsertFeedItems(db, feed.id, identifyItems([1, 2, 3].map((n) => buildItem({
      guid: `s${n}`, url: `https://a.example/${n}`, title: `Story ${n}`, publishedAt: new Date(Date.UTC(2026, 1, n)),
    }))), new Date('2026-03-01T00:00:00Z'))
  })

  async function render(request: Partial<CollectionFeedRequest>): Promise<JsonDocument> {
    const feed = await renderCollection(database().db, { name: 'news', format: 'json', limit: 2, publicUrl: 'https://planet.example', ...request })
    return JSON.parse(feed.body) as JsonDocument
  }

  it('advertises the WebSub hub only on the topic the server announces (the first page at the default limit), and the icon on every page', async () => {
    const topic = await render({ hubUrl: HUB, iconUrl: ICON, limit: DEFAULT_FEED_LIMIT })
    expect([topic.feed_url, topic.hubs, topic.icon, topic.favicon])
      .toEqual(['https://planet.example/collections/news/feed.json', [{ type: 'WebSub', url: HUB }], ICON, ICON])
    const short = await render({ hubUrl: HUB, iconUrl: ICON })
    expect([short.hubs, short.icon]).toEqual([undefined, ICON])
    const second = await render({ hubUrl: HUB, iconUrl: ICON, limit: DEFAULT_FEED_LIMIT, cursor: new URL(short.next_url!).searchParams.get('cursor')! })
    expect([second.hubs, second.icon, second.items.map((i) => i.title)]).toEqual([undefined, ICON, ['Story 1']])
    const plain = await render({ limit: DEFAULT_FEED_LIMIT })
    expect([plain.hubs, plain.icon, plain.favicon]).toEqual([undefined, undefined, undefined])
  })

  it('renders a standalone document without previous and next links when paging is off', async () => {
    const first = await render({})
    const cursor = new URL(first.next_url!).searchParams.get('cursor')!
    expect((await render({ cursor }))._tributary.previous_url).toBe('https://planet.example/collections/news/feed.json?limit=2')
    const standalone = await render({ paged: false })
    expect([standalone.next_url, standalone._tributary, standalone.items.map((i) => i.title)])
      .toEqual([undefined, { first_url: 'https://planet.example/collections/news/feed.json?limit=2' }, ['Story 3', 'Story 2']])
    expect((await render({ paged: false, cursor }))._tributary).toEqual({ first_url: 'https://planet.example/collections/news/feed.json?limit=2' })
  })
})
