import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/index.js'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { createMetrics } from '../../src/metrics/index.js'
import { DEFAULT_FEED_LIMIT } from '../../src/present/index.js'
import type { PublishFormat } from '../../src/publish/index.js'
import { refreshDueFeeds, refreshFeed, resolveFeedUrl, type RefreshDeps } from '../../src/refresh/index.js'
import { buildApp } from '../../src/server/index.js'
import { findFeedByUrl, subscribeFeed } from '../../src/store/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { openTestDatabase, type TestDatabase } from '../helpers/test-database.js'
import {
  CORPUS_DIR,
  assertCheckersInstalled,
  describeRun,
  feedparserCheck,
  feedparserReport,
  jsonfeedCheck,
  mapLimited,
  newsboatCheck,
  type CheckerRun,
} from './checkers.js'
import { fetchDocumentChain, type PublishedDocument } from './published-documents.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

// Our published RSS, Atom and JSON Feed documents, read by software we did not write (the Universal
// Feed Parser, newsboat, a JSON Feed 1.1 checker; see ../shared/validate/README.md). Runs on PGlite
// only: the documents come from the renderer, which is the same on both engines, and a second pass
// on PostgreSQL would double the ~40 checker processes (and the file's ~20 s) for no new coverage.

/** Real feeds from the shared corpus, one per kind of content it holds; `news` marks the named collection's members. */
const CORPUS_FEEDS = [
  { route: '/podcast.rss', file: 'rss-parser/test/input/itunes-keywords-astext.rss', type: 'application/rss+xml', news: false, kind: 'RSS 2.0 podcast: iTunes tags, audio enclosures, German text, a newline before the XML declaration' },
  { route: '/narro.rss', file: 'rss-parser/test/input/narro.rss', type: 'application/rss+xml', news: true, kind: 'RSS 2.0 podcast, one episode with an enclosure' },
  { route: '/reddit.atom', file: 'rss-parser/test/input/reddit-home.rss', type: 'application/atom+xml', news: false, kind: 'Atom 1.0 with type="xhtml" content under a relative xml:base' },
  { route: '/ruby.atom', file: 'rome/rome/src/test/resources/atom_1.0_ruby.xml', type: 'application/atom+xml', news: true, kind: 'Atom 1.0 with xhtml summary and content, entry links relative to the self link' },
  { route: '/craigslist.rdf', file: 'rss-parser/test/input/craigslist.rss', type: 'application/rdf+xml', news: false, kind: 'RSS 1.0 (RDF) with dc:date, HTML entities and relative URLs' },
  { route: '/medium.rss', file: 'rss-parser/test/input/content-encoded.rss', type: 'application/rss+xml', news: false, kind: 'RSS 2.0 with HTML-heavy content:encoded (figures, images, CDATA)' },
  { route: '/heise.atom', file: 'rss-parser/test/input/heise.atom', type: 'application/atom+xml', news: false, kind: 'Atom 1.0, German text, HTML content in CDATA' },
  { route: '/jn.rss', file: 'rss-parser/test/input/encoding.rss', type: 'text/xml; charset=latin1', news: false, kind: 'RSS 2.0 in ISO-8859-1 (Portuguese), items without guid' },
  { route: '/podcast.json', file: 'jsonfeed-schema/test/examples/v1.1/podcast.json', type: 'application/feed+json', news: true, kind: 'JSON Feed 1.1 podcast with an attachment' },
  { route: '/microblog.json', file: 'jsonfeed-schema/test/examples/v1.1/microblog.json', type: 'application/feed+json', news: true, kind: 'JSON Feed 1.1 microblog post without a title' },
] as const

/** The link both hand-made feeds carry: one story, two sources. */
const SHARED_LINK = 'https://harbour.example/news/night-ferry'
const SHARED_TITLE = 'Night ferry to Tromsø returns for the winter season'
const EDITED_ID = 'tag:coast.example,2024:lighthouse'
const TITLE_BEFORE = 'Lighthouse restoration begins on the north pier'
const TITLE_AFTER = 'Lighthouse restoration finished ahead of schedule'

const HARBOUR_RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
  <channel>
    <title>Harbour Gazette</title>
    <link>https://harbour.example/</link>
    <description>News from the harbour</description>
    <item>
      <title>${SHARED_TITLE}</title>
      <link>${SHARED_LINK}</link>
      <guid isPermaLink="false">harbour-101</guid>
      <pubDate>Fri, 10 May 2024 06:00:00 GMT</pubDate>
      <description>The night ferry sails again from Friday, calling at Bodø and Tromsø; tickets are on sale at the quay.</description>
    </item>
    <item>
      <title>Café Ångström opens on the quay — 東京 comes to the harbour ☕</title>
      <link>https://harbour.example/news/cafe</link>
      <guid isPermaLink="false">harbour-102</guid>
      <pubDate>Wed, 08 May 2024 10:15:00 GMT</pubDate>
      <description>&lt;p&gt;Crème brûlée, smørrebrød and 抹茶 on the menu: the café &lt;a href="/news/cafe-menu"&gt;publishes its menu&lt;/a&gt; today.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>
`

function coastAtom(edited: boolean): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Wire</title>
  <id>urn:example:coast-wire</id>
  <link href="https://coast.example/"/>
  <updated>${edited ? '2024-05-11T09:00:00Z' : '2024-05-10T07:00:00Z'}</updated>
  <author><name>Coast Wire desk</name></author>
  <entry>
    <title>${SHARED_TITLE}</title>
    <id>tag:coast.example,2024:ferry</id>
    <link href="${SHARED_LINK}"/>
    <published>2024-05-10T06:30:00Z</published>
    <updated>2024-05-10T06:30:00Z</updated>
    <summary>The night ferry to Tromsø is back for the winter, the harbour office confirmed.</summary>
  </entry>
  <entry>
    <title>${edited ? TITLE_AFTER : TITLE_BEFORE}</title>
    <id>${EDITED_ID}</id>
    <link href="https://coast.example/2024/lighthouse"/>
    <published>2024-05-09T08:00:00Z</published>
    <updated>${edited ? '2024-05-11T09:00:00Z' : '2024-05-09T08:00:00Z'}</updated>
    <content type="html">${edited
      ? '&lt;p&gt;The crew finished the lantern room two weeks early; the light shines again from Saturday.&lt;/p&gt;'
      : '&lt;p&gt;Work on the lantern room starts on Monday and should take six weeks.&lt;/p&gt;'}</content>
  </entry>
</feed>
`
}

/** The collections published: "all" at the default page size, and a named one paged small. */
const PUBLISHED: readonly { name: string; limit: number | null }[] = [
  { name: 'all', limit: null },
  { name: 'news', limit: 3 },
]
const FORMATS: readonly PublishFormat[] = ['rss', 'atom', 'json']
// The checkers are processes (python, newsboat): a few at a time keeps a loaded machine responsive.
const CHECKER_CONCURRENCY = 3
const CHECKS_TIMEOUT_MS = 240_000

interface FeedDoc extends PublishedDocument {
  /** Entries this page must hold: the page size, or what is left on the last page. */
  readonly expectedEntries: number
}

describe('published feeds read by independent checkers (pglite)', () => {
  // Opened here, not with useTestDatabase: its beforeEach empties the store between the tests, which
  // all read the one store filled below.
  let database: TestDatabase
  const pool = useWorkerPool()
  let fixtures: FixtureServer
  let client: FetchClient
  let app: FastifyInstance
  let edited = false
  /** Public ids of the stories each collection holds (every story with an item from a member feed). */
  const stories = new Map<string, Set<string>>()
  const documents: FeedDoc[] = []

  beforeAll(async () => {
    database = await openTestDatabase('pglite')
    const { db } = database
    fixtures = await startFixtureServer()
    client = new FetchClient({ timeoutMs: 30_000, maxBytes: 8 << 20, allowPrivateNetworks: true, userAgent: 'tributary-interop-test', maxRedirects: 5 })
    for (const feed of CORPUS_FEEDS) fixtures.file(feed.route, path.join(CORPUS_DIR, feed.file), { 'content-type': feed.type })
    fixtures.route('/harbour.rss', serveText('application/rss+xml', () => HARBOUR_RSS))
    fixtures.route('/coast.atom', serveText('application/atom+xml', () => coastAtom(edited)))

    for (const feed of CORPUS_FEEDS) {
      await subscribeFeed(db, { url: fixtures.url(feed.route), title: null, collections: feed.news ? ['news'] : [] })
    }
    for (const route of ['/harbour.rss', '/coast.atom']) {
      await subscribeFeed(db, { url: fixtures.url(route), title: null, collections: ['news'] })
    }
    const results = await refreshDueFeeds(refreshDeps(db), { all: true, concurrency: 4, perHost: 4 })
    const failed = results.filter((r) => r.status !== 'updated')
    expect(failed, `every fixture feed refreshes: ${JSON.stringify(failed)}`).toEqual([])

    // The publisher edits one entry; only that feed is fetched again.
    edited = true
    const coast = await findFeedByUrl(db, fixtures.url('/coast.atom'))
    const again = await refreshFeed(refreshDeps(db), coast!)
    expect(again, 'the edited feed refreshes with one updated item').toMatchObject({ status: 'updated', updated: 1 })

    let publicUrl = 'http://127.0.0.1'
    const metrics = createMetrics({ queueLagSeconds: async () => 0 })
    const resolveFeed = (url: string) => resolveFeedUrl({ fetchFeed: (r) => client.fetchFeed(r), probe: (input) => pool.probe(input) }, url)
    // publicUrl is read per request, so next links point at the port the app gets below.
    const config = { get publicUrl() { return publicUrl }, adminToken: null, feedMaxAgeSeconds: 300, websubHub: null, feedIconUrl: null }
    app = buildApp({ db, config, resolveFeed, metrics }, silentLogger())
    publicUrl = await app.listen({ host: '127.0.0.1', port: 0 })

    const newsFeedIds = (await db.selectFrom('collection_feeds').innerJoin('collections', 'collections.id', 'collection_feeds.collection_id')
      .select('collection_feeds.feed_id').where('collections.name', '=', 'news').execute()).map((r) => r.feed_id)
    stories.set('all', await storyIds(db, null))
    stories.set('news', await storyIds(db, newsFeedIds))

    for (const { name, limit } of PUBLISHED) {
      for (const format of FORMATS) {
        const query = limit === null ? '' : `?limit=${limit}`
        const chain = await fetchDocumentChain(name, format, `${publicUrl}/collections/${name}/feed.${format}${query}`)
        const total = stories.get(name)!.size
        const size = limit ?? DEFAULT_FEED_LIMIT
        documents.push(...chain.map((doc) => ({ ...doc, expectedEntries: Math.max(0, Math.min(size, total - doc.page * size)) })))
      }
    }
  }, 180_000)

  afterAll(async () => {
    await app?.close()
    await client?.close()
    await fixtures?.close()
    await database?.close()
  })

  function refreshDeps(db: Kysely<Database>): RefreshDeps {
    return {
      db,
      log: silentLogger(),
      fetchFeed: (request) => client.fetchFeed(request),
      readFeed: (input) => pool.readFeed(input),
      intervals: { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 },
      redirectConfirmations: 3,
      // Ten minutes behind: an undated item (dated when first seen) and the edit (news "now") must not
      // fall inside newsboat_check.sh's run, where it takes a date for one newsboat could not read.
      now: () => new Date(Date.now() - 10 * 60_000),
    }
  }

  const xmlDocuments = (): FeedDoc[] => documents.filter((doc) => doc.format !== 'json')
  const jsonDocuments = (): FeedDoc[] => documents.filter((doc) => doc.format === 'json')
  const label = (doc: FeedDoc): string => `${doc.collection}.${doc.format} page ${doc.page + 1} (${doc.url})`

  it('publishes every collection in every format over at least three pages', () => {
    expect(stories.get('all')!.size).toBeGreaterThan(100)
    for (const { name, limit } of PUBLISHED) {
      const pages = Math.ceil(stories.get(name)!.size / (limit ?? DEFAULT_FEED_LIMIT))
      expect(pages, `${name} spans at least three pages`).toBeGreaterThanOrEqual(3)
      for (const format of FORMATS) {
        expect(documents.filter((doc) => doc.collection === name && doc.format === format), `${name}.${format} pages`).toHaveLength(pages)
      }
    }
  })

  it('every RSS and Atom document passes feedparser, and its entries are every story once', async () => {
    await assertCheckersInstalled()
    const docs = xmlDocuments()
    const runs = await mapLimited(docs, CHECKER_CONCURRENCY, (doc) => feedparserCheck(doc.url))
    const ids = new Map<string, string[]>()
    docs.forEach((doc, i) => {
      const run = runs[i]!
      expect.soft(run.code, `feedparser on ${label(doc)}:\n${describeRun(run)}`).toBe(0)
      const report = feedparserReport(run)
      expect.soft(report?.version, `feedparser format of ${label(doc)}`).toBe(doc.format === 'rss' ? 'rss20' : 'atom10')
      expect.soft(report?.entry_count, `feedparser entries in ${label(doc)}:\n${describeRun(run)}`).toBe(doc.expectedEntries)
      const key = `${doc.collection}.${doc.format}`
      ids.set(key, [...(ids.get(key) ?? []), ...(report?.entries ?? []).map((entry) => entry.id ?? '(no id)')])
    })
    for (const [key, seen] of ids) expectEveryStoryOnce(key, seen)
  }, CHECKS_TIMEOUT_MS)

  it('every RSS and Atom document passes newsboat with the exact item count', async () => {
    await assertCheckersInstalled()
    const docs = xmlDocuments()
    const runs = await mapLimited(docs, CHECKER_CONCURRENCY, (doc) => newsboatCheck(doc.url, doc.expectedEntries))
    docs.forEach((doc, i) => expect.soft(runs[i]!.code, `newsboat on ${label(doc)}:\n${describeRun(runs[i]!)}`).toBe(0))
  }, CHECKS_TIMEOUT_MS)

  it('every JSON Feed document passes jsonfeed_check, and its items are every story once', async () => {
    await assertCheckersInstalled()
    const docs = jsonDocuments()
    const runs: CheckerRun[] = await mapLimited(docs, CHECKER_CONCURRENCY, (doc) => jsonfeedCheck(doc.url))
    const ids = new Map<string, string[]>()
    docs.forEach((doc, i) => {
      expect.soft(runs[i]!.code, `jsonfeed_check on ${label(doc)}:\n${describeRun(runs[i]!)}`).toBe(0)
      const items = (JSON.parse(doc.body) as { items: { id: string }[] }).items
      expect.soft(items, `items in ${label(doc)}`).toHaveLength(doc.expectedEntries)
      ids.set(doc.collection, [...(ids.get(doc.collection) ?? []), ...items.map((item) => item.id)])
    })
    for (const [collection, seen] of ids) expectEveryStoryOnce(`${collection}.json`, seen)
  }, CHECKS_TIMEOUT_MS)

  it('shows the story two feeds carry as one entry with both sources, and the edit as an update', () => {
    const items = jsonDocuments()
      .filter((doc) => doc.collection === 'news')
      .flatMap((doc) => (JSON.parse(doc.body) as { items: JsonItem[] }).items)
    const shared = items.filter((item) => item.url === SHARED_LINK)
    expect(shared, 'one entry for the shared link').toHaveLength(1)
    expect(shared[0]!._tributary.sources.map((source) => source.feed_url).sort()).toEqual([fixtures.url('/coast.atom'), fixtures.url('/harbour.rss')])
    const lighthouse = items.filter((item) => item.url === 'https://coast.example/2024/lighthouse')
    expect(lighthouse, 'one entry for the edited story').toHaveLength(1)
    expect(lighthouse[0]!.title).toBe(TITLE_AFTER)
    expect(Date.parse(lighthouse[0]!.date_modified)).toBeGreaterThan(Date.parse(lighthouse[0]!.date_published))
    for (const doc of xmlDocuments()) expect(doc.body, label(doc)).not.toContain(TITLE_BEFORE)
    const atom = xmlDocuments().find((doc) => doc.format === 'atom' && doc.body.includes(TITLE_AFTER))
    expect(atom, 'an Atom page holds the edited entry').toBeDefined()
  })

  function expectEveryStoryOnce(key: string, seen: readonly string[]): void {
    const collection = key.split('.')[0]!
    const expected = [...stories.get(collection)!].sort()
    const twice = seen.filter((id, i) => seen.indexOf(id) !== i)
    expect.soft(twice, `${key}: entries listed on more than one page (or twice on one)`).toEqual([])
    expect.soft([...new Set(seen)].sort(), `${key}: entry ids across all pages against the collection's stories`).toEqual(expected)
  }
})

interface JsonItem {
  readonly url?: string
  readonly title: string
  readonly date_published: string
  readonly date_modified: string
  readonly _tributary: { readonly sources: readonly { readonly feed_url: string }[] }
}

function serveText(contentType: string, body: () => string): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    const bytes = Buffer.from(body(), 'utf8')
    res.writeHead(200, { 'content-type': `${contentType}; charset=utf-8`, 'content-length': bytes.length }).end(bytes)
  }
}

/** Public ids of the stories with at least one item from `feedIds` (null: any feed). */
async function storyIds(db: Kysely<Database>, feedIds: readonly number[] | null): Promise<Set<string>> {
  const rows = await db
    .selectFrom('stories as s')
    .select('s.public_id')
    .where(({ exists, selectFrom }) => {
      let items = selectFrom('items as i').select('i.id').whereRef('i.story_id', '=', 's.id')
      if (feedIds !== null) items = items.where('i.feed_id', 'in', feedIds)
      return exists(items)
    })
    .execute()
  return new Set(rows.map((row) => row.public_id))
}
