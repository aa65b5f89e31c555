import path from 'node:path'
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_AGENT } from '../../src/config/index.js'
import { FetchClient } from '../../src/fetch/index.js'
import { silentLogger } from '../../src/log/index.js'
import { refreshDueFeeds, type RefreshDeps } from '../../src/refresh/index.js'
import { subscribeFeed } from '../../src/store/index.js'
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js'
import { testDatabaseKinds, useTestDatabase } from '../helpers/test-database.js'
import { useWorkerPool } from '../helpers/worker-pool.js'

// Without item dates, so the polling interval is the configured default rather than a publishing rate.
const RSS = readFileSync(path.resolve(import.meta.dirname, '../fixtures/feeds/rss2-basic.xml'), 'utf8').replace(/<pubDate>[^<]*<\/pubDate>/g, '')
const MINUTE = 60_000

/** The checks a publisher runs against a reader hitting its server. */
describe.each(testDatabaseKinds())('politeness, as a publisher sees it, on %s', (kind) => {
  const database = useTestDatabase(kind)
  const pool = useWorkerPool()
  let server: FixtureServer
  let client: FetchClient
  let clock: number

  beforeEach(async () => {
    server = await startFixtureServer()
    client = new FetchClient({ timeoutMs: 5000, maxBytes: 1 << 20, allowPrivateNetworks: true, userAgent: DEFAULT_USER_AGENT, maxRedirects: 5 })
  })
  afterEach(async () => {
    await client.close()
    await server.close()
  })

  function deps(): RefreshDeps {
    return {
      db: database().db, log: silentLogger(), fetchFeed: (r) => client.fetchFeed(r), readFeed: (input) => pool.readFeed(input), redirectConfirmations: 3, now: () => new Date(clock),
      intervals: { defaultSeconds: 1800, minSeconds: 300, maxSeconds: 86_400 }, random: () => 0,
    }
  }
  const pass = (all = false) => refreshDueFeeds(deps(), { all, concurrency: 16, perHost: 2 })
  /** A feed is due from the moment it is subscribed (the database's clock): the test clock starts just after. */
  const startClock = () => (clock = Date.now() + 1000)
  const hits = (route: string) => server.requests.filter((r) => r.url === route)

  it('names itself, asks for compression, and polls conditionally', async () => {
    server.route('/feed', (req: IncomingMessage, res: ServerResponse) => {
      if (req.headers['if-modified-since'] === 'Wed, 08 May 2024 17:45:00 GMT') res.writeHead(304).end()
      else res.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': 'Wed, 08 May 2024 17:45:00 GMT' }).end(RSS)
    })
    await subscribeFeed(database().db, { url: server.url('/feed'), title: null, collections: [] })
    startClock()
    await pass()
    clock += 60 * MINUTE
    await pass()
    const [first, second] = hits('/feed')
    expect(first!.headers['user-agent']).toMatch(/^Tributary\/\d+\.\d+ \(\+https:\/\/\S+; feed aggregator\)$/)
    expect(first!.headers['accept-encoding']).toBe('gzip, br, deflate')
    expect(second!.headers['if-modified-since']).toBe('Wed, 08 May 2024 17:45:00 GMT')
  })

  it('never polls before Cache-Control max-age has passed', async () => {
    server.route('/cached', (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=7200' }).end(RSS))
    await subscribeFeed(database().db, { url: server.url('/cached'), title: null, collections: [] })
    startClock()
    await pass()
    for (const minutes of [30, 30, 30, 29]) {
      clock += minutes * MINUTE
      await pass()
    }
    expect(hits('/cached')).toHaveLength(1)
    clock += 2 * MINUTE
    await pass()
    expect(hits('/cached')).toHaveLength(2)
  })

  it.each([429, 503])('honours Retry-After on %i, even when asked to fetch everything', async (status) => {
    server.route('/busy', (_req, res) => void res.writeHead(status, { 'retry-after': '3600' }).end())
    await subscribeFeed(database().db, { url: server.url('/busy'), title: null, collections: [] })
    startClock()
    await pass()
    clock += 30 * MINUTE
    await pass()
    await pass(true)
    expect(hits('/busy')).toHaveLength(1)
    clock += 31 * MINUTE
    await pass()
    expect(hits('/busy')).toHaveLength(2)
  })

  it('keeps at most two requests in flight to one host, however many feeds it serves', async () => {
    let inFlight = 0
    let peak = 0
    for (let n = 0; n < 8; n++) {
      server.route(`/slow-${n}`, (_req, res) => {
        inFlight++
        peak = Math.max(peak, inFlight)
        setTimeout(() => {
          inFlight--
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS)
        }, 150)
      })
      await subscribeFeed(database().db, { url: server.url(`/slow-${n}`), title: null, collections: ['slow'] })
    }
    startClock()
    const results = await pass()
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('updated'))
    expect(peak).toBe(2)
  })
})
