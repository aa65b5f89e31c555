import { sql } from 'kysely'
import { storyMatcher } from '../src/dedupe/index.js'
import { AppError } from '../src/errors.js'
import { upsertFeedItems } from '../src/store/index.js'
import { WorkerPool, type FeedDocument } from '../src/worker-pool/index.js'
import { HOSTILE_SHAPES, type HostileShape } from '../test/helpers/hostile-documents.js'
import { dropBenchDatabase, freshBenchDatabase } from './bench-database.js'

/**
 * Issue 12: each hostile document shape at growing sizes, read by the worker pool under the default
 * parse deadline (10 s), and the documents that yield items stored on PostgreSQL. Prints time and the
 * process's peak RSS above its baseline (worker threads included), so linear growth is visible; no
 * document may pass the deadline or 256 MB.
 */
const SIZES: Readonly<Record<HostileShape, readonly number[]>> = {
  commentsBeforeRoot: [60, 600, 6000, 60_000],
  unterminatedEntity: [150_000, 600_000, 2_400_000, 9_600_000],
  rootAttributeText: [65_536, 262_144, 1_048_576, 4_194_304],
  nestedElements: [25_000, 100_000, 400_000, 1_600_000],
  manyItems: [5000, 10_000, 20_000, 50_000],
  hugeTextNode: [1_000_000, 4_000_000, 15_000_000],
  manyAttributes: [10_000, 40_000, 160_000],
  manyNamespaces: [10_000, 40_000, 160_000],
  entityReferences: [1000, 4000, 16_000],
}
const DB_NAME = 'tributary_bench_hostile'
const MB = 1024 * 1024

/** Runs the hostile-documents benchmark and prints one row per shape and size. */
export async function run(): Promise<void> {
  const pool = new WorkerPool({ threads: 1, timeoutMs: 10_000 })
  const handle = await freshBenchDatabase(DB_NAME)
  try {
    const { db } = handle
    const { id: feedId } = await db.insertInto('feeds').values({ url: 'https://hostile.example/feed' }).returning('id').executeTakeFirstOrThrow()
    const read = (body: Buffer) => pool.readFeed({ body, url: 'https://hostile.example/feed', contentType: 'application/xml', now: new Date(), feedId, storedTitle: null })
    await read(Buffer.from(HOSTILE_SHAPES.commentsBeforeRoot(1)))
    process.stdout.write('| shape | size | bytes | read (ms) | store (ms) | peak RSS above baseline (MB) | outcome |\n|---|---|---|---|---|---|---|\n')
    for (const [shape, sizes] of Object.entries(SIZES) as [HostileShape, readonly number[]][]) {
      for (const size of sizes) {
        const body = Buffer.from(HOSTILE_SHAPES[shape](size))
        global.gc?.()
        const peak = new PeakRss()
        const started = performance.now()
        let document: FeedDocument | null = null
        let outcome: string
        try {
          document = await read(body)
          outcome = `${document.items.length} items`
        } catch (err: unknown) {
          outcome = err instanceof AppError ? err.code : String(err)
        }
        const readMs = performance.now() - started
        let storeMs = NaN
        if (document !== null && document.items.length > 0) {
          await sql`truncate items, stories, item_match_keys cascade`.execute(db)
          const storeStarted = performance.now()
          const items = document.items
          await db.transaction().execute((trx) => upsertFeedItems(trx, feedId, items, new Date(), storyMatcher))
          storeMs = performance.now() - storeStarted
        }
        const peakMb = peak.stop()
        process.stdout.write(`| ${shape} | ${size.toLocaleString('en')} | ${body.length.toLocaleString('en')} | ${readMs.toFixed(0)} | ${Number.isNaN(storeMs) ? '–' : storeMs.toFixed(0)} | ${peakMb.toFixed(0)} | ${outcome} |\n`)
      }
    }
  } finally {
    await pool.close()
    await handle.close()
    await dropBenchDatabase(DB_NAME)
  }
}

/** Samples the process's RSS every few milliseconds (the main thread is free while a worker reads). */
class PeakRss {
  readonly #baseline = process.memoryUsage.rss()
  #peak = this.#baseline
  readonly #timer = setInterval(() => {
    this.#peak = Math.max(this.#peak, process.memoryUsage.rss())
  }, 5)

  /** Stops sampling; returns the peak above the baseline in MB. */
  stop(): number {
    clearInterval(this.#timer)
    this.#peak = Math.max(this.#peak, process.memoryUsage.rss())
    return (this.#peak - this.#baseline) / MB
  }
}
