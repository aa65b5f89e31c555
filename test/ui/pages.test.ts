import type { FastifyInstance } from 'fastify'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NotFoundError } from '../../src/errors.js'
import { identifyItems } from '../../src/dedupe/index.js'
import { getStoryCopiesOrThrow, listFeedActivity, listItems, subscribeFeed, upsertFeedItems } from '../../src/store/index.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { buildItem } from '../helpers/build-item.js'
import { seedSite, type SeededSite } from './seed-site.js'
import { buildUiApp } from './ui-app.js'

// The search page's size, fixed in server/routes/pages.ts.
const PAGE_SIZE = 25

describe.each(testDatabaseKinds())('web pages on %s', (kind) => {
  const database = useTestDatabase(kind)
  let app: FastifyInstance
  let site: SeededSite
  const now = new Date()

  beforeEach(async () => {
    site = await seedSite(database().db, now, PAGE_SIZE)
    app = buildUiApp(database().db, 'https://planet.example')
  })
  afterEach(() => app.close())

  async function sharedStoryId(): Promise<string> {
    const page = await listItems(database().db, { q: 'flood bridge', feedId: site.paperFeedId, limit: 1 })
    return page.items[0]!.storyId
  }

  it('serves every page as HTML with a content security policy', async () => {
    for (const url of ['/', '/search', '/search?q=river', '/feeds', `/stories/${await sharedStoryId()}`]) {
      const response = await app.inject({ url })
      expect([url, response.statusCode, response.headers['content-type']]).toEqual([url, 200, 'text/html; charset=utf-8'])
      expect(response.headers['content-security-policy']).toContain("default-src 'none'")
      expect(response.body).toContain('<nav aria-label="Main">')
    }
  })

  it('searches with filters and pages on with the cursor', async () => {
    const first = await app.inject({ url: '/search?q=river&collection=&feed=&sort=newest' })
    expect(first.body.match(/<li>\n<h3>/g)).toHaveLength(PAGE_SIZE)
    expect(first.body).toContain('<p class="snippet">The <mark>river</mark> rose again')
    const next = /<a rel="next" href="([^"]+)">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&')
    expect(next).toMatch(/^\/search\?q=river&sort=newest&cursor=/)
    const second = await app.inject({ url: next! })
    expect(second.body.match(/<li>\n<h3>/g)).toHaveLength(site.riverItems + 1 - PAGE_SIZE)
    expect(second.body).not.toContain('rel="next"')
    const papers = await app.inject({ url: '/search?q=river&collection=papers&per_story=1&sort=rank' })
    expect(papers.body.match(/<li>\n<h3>/g)).toHaveLength(1)
    expect(papers.body).toContain('Daily &lt;Paper&gt; &amp; Co')
  })

  it.each([
    ['/search?since=yesterday', 400, 'since: &quot;yesterday&quot; is not a date'],
    ['/search?sort=rank', 400, 'sort: &quot;rank&quot; needs a search query (q)'],
    ['/search?feed=x1', 400, 'feed: &quot;x1&quot; is not a feed id'],
    ['/search?cursor=zzz', 400, 'cursor: invalid cursor'],
    ['/search?collection=nope', 404, 'collections: no collection &quot;nope&quot;'],
  ])('answers %s with the form and a message, status %i', async (url, status, message) => {
    const response = await app.inject({ url })
    expect([response.statusCode, response.headers['content-type']]).toEqual([status, 'text/html; charset=utf-8'])
    expect(response.body).toContain('<form class="search"')
    expect(response.body).toContain(`<p class="message" role="alert">${message}`)
  })

  it('shows a story by its public id, URL-encoded or as a bare uuid, and 404s an unknown one as a page', async () => {
    const id = await sharedStoryId()
    for (const path of [id, encodeURIComponent(id), id.replace('urn:uuid:', '')]) {
      const response = await app.inject({ url: `/stories/${path}` })
      expect([path, response.statusCode]).toEqual([path, 200])
      expect(response.body).toContain('2 copies from 2 feeds')
      expect(response.body).toContain('<code>canonical_url</code>')
    }
    const unknown = await app.inject({ url: '/stories/urn:uuid:00000000-0000-4000-8000-000000000000' })
    expect([unknown.statusCode, unknown.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8'])
    expect(unknown.body).toContain('<h1>Not found</h1>')
    expect(unknown.body).toContain('stories: no story urn:uuid:00000000-0000-4000-8000-000000000000')
  })

  it('lists every copy of a story in arrival order with its feed and match rule', async () => {
    const story = await getStoryCopiesOrThrow(database().db, await sharedStoryId())
    expect(story.copies.map((c) => [c.feed.title, c.matchRule, c.title])).toEqual([
      ['Wire Service', 'first', site.sharedTitle],
      ['Daily <Paper> & Co', 'canonical_url', `${site.sharedTitle} (Paper)`],
    ])
    await expect(getStoryCopiesOrThrow(database().db, 'urn:uuid:nope')).rejects.toThrow(NotFoundError)
  })

  it('counts items per feed per UTC day, oldest day first, ignoring items outside the window', async () => {
    const { db } = database()
    const feed = (await subscribeFeed(db, { url: 'https://days.example/feed', title: null, collections: [] })).feed
    await upsertFeedItems(db, feed.id, identifyItems([
      buildItem({ guid: 'a', title: 'Today, early', publishedAt: new Date('2026-03-07T00:00:00Z') }),
      buildItem({ guid: 'b', title: 'Today, late', publishedAt: new Date('2026-03-07T23:59:59Z') }),
      buildItem({ guid: 'c', title: 'Six days ago', publishedAt: new Date('2026-03-01T12:00:00Z') }),
      buildItem({ guid: 'd', title: 'Seven days ago', publishedAt: new Date('2026-02-28T23:59:59Z') }),
      buildItem({ guid: 'e', title: 'Tomorrow', publishedAt: new Date('2026-03-08T00:00:00Z') }),
    ]), new Date('2026-03-07T12:00:00Z'))
    const activity = await listFeedActivity(db, { now: new Date('2026-03-07T12:00:00Z'), days: 7 })
    expect(activity.days.map((d) => d.toISOString().slice(0, 10))).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'])
    expect(activity.counts.get(feed.id)).toEqual([1, 0, 0, 0, 0, 0, 2])
  })

  it('shows feed health on the index and the feeds page', async () => {
    const index = (await app.inject({ url: '/' })).body
    expect(index).toContain('3 feeds: <span class="ok">1 ok</span> · <span class="warn">1 failing</span> · <span class="bad">0 disabled</span> · <span class="muted">1 not fetched yet</span>')
    expect(index).toContain('<a href="https://planet.example/collections/papers/feed.json">JSON Feed</a>')
    const feeds = (await app.inject({ url: '/feeds' })).body
    expect(feeds).toContain('<td class="warn">failing 2×</td>')
    expect(feeds).toContain('<code>fetch_http_5xx</code> fetch: unexpected status 503 from https://paper.example/rss')
    expect(feeds).toContain(`<a href="/api/feeds/${site.wireFeedId}">JSON</a>`)
    expect(feeds).toMatch(/aria-label="[^"]+"[^>]*>(<span style="height:\d+%"><\/span>){7}<\/span> 30</)
  })
})
