import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FetchClient } from '../../src/fetch/index.js'
import { CUT_MARKER, MAX_HTML_DEPTH } from '../../src/html/index.js'
import { silentLogger } from '../../src/log/index.js'
import { renderCollection } from '../../src/present/index.js'
import { refreshDueFeeds, refreshFeed, type RefreshDeps } from '../../src/refresh/index.js'
import { getFeedStatusOrThrow, subscribeFeed } from '../../src/store/index.js'
import { WorkerPool } from '../../src/worker-pool/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { HOSTILE_SHAPES, largeFeed, type HostileShape } from '../helpers/hostile-documents.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

const GOOD = '<rss version="2.0"><channel><title>Good</title><item><title>Still here</title><guid>good-1</guid></item></channel></rss>'
const MIB = 1024 * 1024

// Issue 12's shapes at the sizes that once hung a server or ran for minutes, and what each must give.
const CASES: readonly { shape: HostileShape; size: number; status: 'updated' | 'failed'; created?: number; code?: string }[] = [
  { shape: 'commentsBeforeRoot', size: 60, status: 'updated', created: 0 },
  { shape: 'unterminatedEntity', size: 150_000, status: 'failed', code: 'parse_unknown_format' },
  { shape: 'rootAttributeText', size: 65_536, status: 'updated', created: 0 },
  { shape: 'nestedElements', size: 100_000, status: 'updated', created: 1 },
  { shape: 'manyItems', size: 5000, status: 'updated', created: 5000 },
  { shape: 'hugeTextNode', size: 15 * MIB, status: 'updated', created: 1 },
  { shape: 'manyAttributes', size: 10_000, status: 'updated', created: 1 },
  { shape: 'manyNamespaces', size: 10_000, status: 'updated', created: 0 },
  // 5,000 references to a 1 KiB entity would add 5 MB: past the 1,000,000-character cap, refused.
  { shape: 'entityReferences', size: 5000, status: 'failed', code: 'parse_entity_expansion' },
]

describe.each(testDatabaseKinds())('hostile documents on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let server: FixtureServer
  let client: FetchClient

  beforeAll(async () => {
    server = await startFixtureServer()
    client = new FetchClient({ timeoutMs: 30_000, maxBytes: 32 * MIB, allowPrivateNetworks: true, userAgent: 'test', maxRedirects: 5 })
    for (const { shape, size } of CASES) {
      const body = HOSTILE_SHAPES[shape](size)
      server.route(`/${shape}`, (_req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end(body))
    }
    server.route('/good.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(GOOD))
    server.route('/heavy.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(largeFeed(4000, 2048)))
  })
  afterAll(async () => {
    await client.close()
    await server.close()
  })

  function deps(readFeed: WorkerPool['readFeed'] = (input) => pool.readFeed(input)): RefreshDeps {
    return {
      db: database().db, log: silentLogger(), fetchFeed: (r) => client.fetchFeed(r), readFeed, now: () => new Date(),
      intervals: { defaultSeconds: 3600, minSeconds: 300, maxSeconds: 86_400 }, redirectConfirmations: 3,
    }
  }

  async function subscribe(route: string) {
    return (await subscribeFeed(database().db, { url: server.url(route), title: null, collections: [] })).feed
  }

  it.each(CASES)('reads $shape ($size) to its outcome within bounds', async ({ shape, status, created, code }) => {
    const result = await refreshFeed(deps(), await subscribe(`/${shape}`))
    expect(result).toMatchObject(status === 'updated' ? { status, created } : { status, code })
  })

  it('keeps the text of 100,000 nested elements under MAX_HTML_DEPTH of them', async () => {
    await refreshFeed(deps(), await subscribe('/nestedElements'))
    const { content_html } = await database().db.selectFrom('items').select('content_html').executeTakeFirstOrThrow()
    expect(content_html).toBe(`${'<div>'.repeat(MAX_HTML_DEPTH)}deep text${'</div>'.repeat(MAX_HTML_DEPTH)}`)
  })

  it('cuts a 15 MB text node to 1 MiB, marked, and publishes the collection in a few MB', async () => {
    await refreshFeed(deps(), await subscribe('/hugeTextNode'))
    const { rows: [row] } = await sql<{ bytes: number; tail: string }>`select octet_length(content_html) as bytes, right(content_html, ${CUT_MARKER.length}) as tail from items`.execute(database().db)
    expect(row!.tail).toBe(CUT_MARKER)
    expect(row!.bytes).toBeLessThanOrEqual(MIB)
    for (const format of ['atom', 'rss', 'json'] as const) {
      const { body } = await renderCollection(database().db, { name: 'all', format, limit: 50, publicUrl: 'http://tributary.test' })
      // One entry may carry 4 MiB of content in a document; markup and escaping come on top.
      expect(Buffer.byteLength(body), format).toBeLessThan(5 * MIB)
      expect(Buffer.byteLength(body), format).toBeGreaterThan(MIB)
    }
  })

  it('fails a document past the parse deadline with parse_timeout while the other feeds of the pass are stored', async () => {
    const strict = new WorkerPool({ threads: 1, timeoutMs: 300 })
    try {
      const heavy = await subscribe('/heavy.xml')
      const good = await subscribe('/good.xml')
      const results = await refreshDueFeeds(deps((input) => strict.readFeed(input)), { all: true, concurrency: 4, perHost: 2 })
      expect(results.map((r) => [r.feedId, r.status, r.status === 'failed' ? r.code : r.status === 'updated' ? r.created : null]).sort())
        .toEqual([[heavy.id, 'failed', 'parse_timeout'], [good.id, 'updated', 1]].sort())
      const status = await getFeedStatusOrThrow(database().db, heavy.id)
      expect([status.lastError?.code, status.errorCount, status.itemCount]).toEqual(['parse_timeout', 1, 0])
    } finally {
      await strict.close()
    }
  })
})
