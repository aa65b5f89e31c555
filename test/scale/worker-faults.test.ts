import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql, type Kysely } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openPostgres, type Database } from '../../src/db/index.js'
import { silentLogger } from '../../src/log/index.js'
import { testDatabaseKinds } from '../helpers/test-database.js'
import { buildCorpus, corpusOpml, type Corpus } from './helpers/feed-corpus.js'
import { startFeedServer, type FeedServer } from './helpers/feed-server.js'
import { startPrivatePostgres, type PrivatePostgres } from './helpers/private-postgres.js'
import { createScaleDatabase, itemsPerFeed, storedTotals, storiesByLink, type ScaleDatabase } from './helpers/scale-database.js'
import { drainSummary, killIfRunning, runTributary, spawnTributary, waitUntil, type TributaryProcess } from './helpers/tributary-process.js'

// The shortest lease the config allows (10 s) over a fetch timeout it still accepts (lease ≥ 2 × timeout).
const SHORT_LEASE = { TRIBUTARY_FETCH_TIMEOUT_MS: '5000', TRIBUTARY_LEASE_SECONDS: '10' }

describe('worker lease configuration', () => {
  it('refuses a lease under 10 s or under twice the fetch timeout, naming the variable (exit 2)', async () => {
    // Config is checked before the database is opened, so nothing listens at this address.
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:9/none', TRIBUTARY_FETCH_TIMEOUT_MS: '5000' }
    expect(await runTributary(['worker', '--drain'], { ...base, TRIBUTARY_LEASE_SECONDS: '5' })).toMatchObject({
      code: 2, stdout: '', stderr: 'tributary: TRIBUTARY_LEASE_SECONDS: 5 is out of range 10..86400\n',
    })
    expect(await runTributary(['worker', '--drain'], { ...base, TRIBUTARY_FETCH_TIMEOUT_MS: '6000', TRIBUTARY_LEASE_SECONDS: '11' })).toMatchObject({
      code: 2, stdout: '', stderr: 'tributary: TRIBUTARY_LEASE_SECONDS: must be at least twice the fetch timeout (12 s), got 11\n',
    })
  })
})

// Leases, crashes and restarts of a server only exist with PostgreSQL.
describe.each(testDatabaseKinds().filter((kind) => kind === 'postgres'))('workers on %s surviving faults', () => {
  let tmpDir: string
  let server: FeedServer | undefined
  const processes: TributaryProcess[] = []

  beforeAll(async () => {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tributary-faults-'))
  })
  afterEach(async () => {
    for (const running of processes.splice(0)) killIfRunning(running)
    await server?.close()
    server = undefined
  })
  afterAll(async () => {
    if (tmpDir !== undefined) await fs.rm(tmpDir, { recursive: true, force: true })
  })

  const baseEnv = (databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
    DATABASE_URL: databaseUrl,
    TRIBUTARY_ALLOW_PRIVATE_NETWORKS: 'true',
    TRIBUTARY_LOG_LEVEL: 'warn',
    ...extra,
  })

  async function subscribe(databaseUrl: string, corpus: Corpus): Promise<void> {
    const file = path.join(tmpDir, `${corpus.feeds.length}-feeds.opml`)
    await fs.writeFile(file, corpusOpml(corpus))
    const imported = await runTributary(['import', file], baseEnv(databaseUrl))
    expect(imported.code, imported.stderr).toBe(0)
  }

  function spawn(args: string[], env: Record<string, string>): TributaryProcess {
    const child = spawnTributary(args, env)
    processes.push(child)
    return child
  }

  /** Every feed has all its items, each once, in one story per shared link, and no lease or failure is left. */
  async function expectEverythingStoredOnce(db: Kysely<Database>, corpus: Corpus): Promise<void> {
    expect(await storedTotals(db)).toEqual({
      items: corpus.expectedItems, stories: corpus.expectedStories, duplicateItems: [], emptyStories: 0, leasedFeeds: 0, failedFeeds: [],
    })
    expect([...(await itemsPerFeed(db)).entries()].filter(([, count]) => count !== 5)).toEqual([])
    const shared = await storiesByLink(db, corpus.sharedLinks)
    expect(shared.size).toBe(corpus.sharedLinks.length)
    for (const [link, copies] of shared) expect(copies, link).toEqual({ items: corpus.copiesPerSharedLink, stories: 1 })
  }

  describe('a worker killed with SIGKILL while its fetches hang', () => {
    let database: ScaleDatabase

    beforeAll(async () => {
      database = await createScaleDatabase()
    })
    afterAll(async () => {
      await database?.drop()
    })

    it('loses and duplicates nothing: once its leases expire, another worker completes its feeds', { timeout: 120_000 }, async () => {
      // The first request of the first eight feeds (the first a worker claims) is never answered.
      let hanging = new Set<string>()
      server = await startFeedServer({ addresses: ['127.0.0.31', '127.0.0.32'], hangs: (url, nth) => nth === 1 && hanging.has(url) })
      const corpus = buildCorpus({ feeds: 40, itemsPerFeed: 5, sharedLinks: 4, copiesPerSharedLink: 3, origins: server.origins, name: 'crash' })
      hanging = new Set(corpus.feeds.slice(0, 8).map((feed) => feed.url))
      server.publish(corpus.feeds)
      await subscribe(database.url, corpus)
      const env = baseEnv(database.url, { ...SHORT_LEASE, TRIBUTARY_FETCH_CONCURRENCY: '16', TRIBUTARY_FETCH_PER_HOST: '16' })

      const doomed = spawn(['worker', '--drain'], env)
      await server.waitFor(() => [...hanging].every((url) => server!.requestsFor(url).length > 0), 60_000, 'the hanging requests')
      doomed.child.kill('SIGKILL')
      expect(await doomed.exited).toMatchObject({ code: null, signal: 'SIGKILL' })

      const { rows: leases } = await sql<{ url: string; lease_expires_at: Date }>`
        select url, lease_expires_at from feeds where lease_owner is not null`.execute(database.db)
      const expiry = new Map(leases.map((lease) => [lease.url, lease.lease_expires_at]))
      expect([...hanging].filter((url) => !expiry.has(url))).toEqual([])
      const { rows: [done] } = await sql<{ n: string }>`select count(*) as n from feeds where last_fetched_at is not null`.execute(database.db)
      const left = corpus.feeds.length - Number(done!.n)

      // A worker started while the leases hold takes only the feeds nobody holds (maybe none)…
      const early = drainSummary(await spawn(['worker', '--drain'], env).exited)
      // …and one started after they expired takes what the dead worker held.
      await waitUntil(async () => {
        const { rows } = await sql<{ n: string }>`select count(*) as n from feeds where lease_owner is not null and lease_expires_at > now()`.execute(database.db)
        return rows[0]?.n === '0'
      }, 'the dead worker\'s leases to expire', 60_000)
      const late = drainSummary(await spawn(['worker', '--drain'], env).exited)
      expect([early.failed, late.failed]).toEqual([0, 0])
      // Between them, exactly the feeds the dead worker had not finished.
      expect(early.fetched + late.fetched).toBe(left)

      for (const url of hanging) {
        const requests = server.requestsFor(url)
        expect(requests, url).toHaveLength(2)
        // Never fetched again while the dead worker's lease held it.
        expect(requests[1]!.at, url).toBeGreaterThanOrEqual(expiry.get(url)!.getTime())
      }
      // A feed the dead worker was fetching (not one of the hanging ones) may have been fetched twice; none more.
      expect(corpus.feeds.filter((feed) => ![1, 2].includes(server!.requestsFor(feed.url).length)).map((feed) => feed.url)).toEqual([])
      await expectEverythingStoredOnce(database.db, corpus)
    })
  })

  describe('a looping worker while its PostgreSQL server restarts', () => {
    let postgres: PrivatePostgres | undefined
    let db: Kysely<Database> | undefined

    afterAll(async () => {
      await db?.destroy()
      await postgres?.destroy()
    })

    it('stays up, finishes every feed without being restarted, and on SIGTERM exits 0 holding no lease', { timeout: 180_000 }, async () => {
      // Never the shared server on 5432: other tests use it.
      postgres = await startPrivatePostgres()
      // Slow answers stretch the pass over a few seconds, so the restart lands while feeds are in flight.
      server = await startFeedServer({ addresses: ['127.0.0.41', '127.0.0.42', '127.0.0.43'], delayMs: 250 })
      const corpus = buildCorpus({ feeds: 60, itemsPerFeed: 5, sharedLinks: 5, copiesPerSharedLink: 3, origins: server.origins, name: 'restart' })
      server.publish(corpus.feeds)
      await subscribe(postgres.url, corpus)

      const worker = spawn(['worker'], baseEnv(postgres.url, {
        ...SHORT_LEASE,
        TRIBUTARY_REFRESH_CRON: '*/2 * * * * *',
        TRIBUTARY_FETCH_PER_HOST: '2',
        TRIBUTARY_SHUTDOWN_GRACE_SECONDS: '10',
        TRIBUTARY_LOG_LEVEL: 'info',
      }))
      await server.waitFor(() => server!.requests.length >= 15, 60_000, 'the worker to be a quarter through')
      await postgres.restart()

      db = openPostgres(postgres.url, silentLogger()).db
      const complete = async (): Promise<boolean> => {
        if (worker.child.exitCode !== null) throw new Error(`the worker exited (${worker.child.exitCode})`)
        return [...(await itemsPerFeed(db!)).values()].every((count) => count === 5)
      }
      await waitUntil(complete, 'the worker to store every feed', 90_000, 500).catch((err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : String(err)}; its stderr ends:\n${worker.output().stderr.slice(-3000)}`)
      })

      worker.child.kill('SIGTERM')
      const exit = await worker.exited
      expect(exit.code, exit.stderr.slice(-4000)).toBe(0)
      expect(corpus.feeds.filter((feed) => server!.requestsFor(feed.url).length === 0).map((feed) => feed.url)).toEqual([])
      await expectEverythingStoredOnce(db, corpus)
    })
  })
})
