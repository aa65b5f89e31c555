import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { claimDueFeeds, countDueFeeds, makeAllFeedsDue } from '../store/index.js'
import { refreshFeed, type RefreshDeps, type RefreshResult } from './refresh-feed.js'
import { refingerprintBatch } from './refingerprint.js'

/** Limits on one refresh pass. */
export interface RefreshPassOptions {
  /** Take every enabled feed, not only the due ones. */
  readonly all: boolean
  /** Fetches this process runs at once. */
  readonly concurrency: number
  /** Fetches one host gets at once, counted over every worker sharing the database. */
  readonly perHost: number
  /** How long a claim lasts before another worker may take the feed; default 300 s. */
  readonly leaseSeconds?: number
  /** Names this worker on its leases; default one id per process. */
  readonly owner?: string
  /** Aborted: claim nothing more and return once the fetches in flight are done (graceful shutdown). */
  readonly stop?: AbortSignal
  /** Aborted: cancel the fetches in flight too; their feeds are given back, still due. */
  readonly cancel?: AbortSignal
  /** Called once the pass knows how many feeds are due, then after each feed: progress output. */
  readonly onStart?: (feeds: number) => void
  readonly onResult?: (result: RefreshResult) => void
}

/** This process's name on the leases it takes: readable in `feeds` rows, unique across restarts. */
export const WORKER_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`

/**
 * Refreshes the feeds due now (or all enabled ones): claims them from the database a few at a time with
 * a lease, so any number of workers can share the work and each feed is fetched once per due time, and
 * runs up to `concurrency` at once; then recomputes a batch of outdated stored fingerprints
 * (refingerprintBatch). One feed's failure never stops the others. Returns one result per
 * feed this worker refreshed, by feed id, and logs one summary line.
 */
export async function refreshDueFeeds(deps: RefreshDeps, options: RefreshPassOptions): Promise<RefreshResult[]> {
  const started = Date.now()
  const dueBy = deps.now()
  if (options.all) await makeAllFeedsDue(deps.db, dueBy)
  options.onStart?.(await countDueFeeds(deps.db, dueBy))
  const claim = { owner: options.owner ?? WORKER_ID, perHost: options.perHost, leaseSeconds: options.leaseSeconds ?? 300, dueBy }
  // Claim in small batches rather than one feed per finished fetch: fewer round trips, the same fairness.
  const batch = Math.max(1, Math.floor(options.concurrency / 4))
  const results: RefreshResult[] = []
  const running = new Set<Promise<void>>()
  const stopWatch = options.stop && whenAborted(options.stop)
  const stopped = stopWatch?.promise
  try {
    while (options.stop?.aborted !== true) {
      const room = options.concurrency - running.size
      if (room >= batch || running.size === 0) {
        const feeds = await claimDueFeeds(deps.db, { ...claim, limit: room })
        for (const feed of feeds) {
          const task: Promise<void> = refreshFeed(deps, feed, { owner: claim.owner, ...(options.cancel && { signal: options.cancel }) })
            .then((result) => {
              results.push(result)
              options.onResult?.(result)
            })
            .finally(() => running.delete(task))
          running.add(task)
        }
        if (feeds.length === room) continue
        if (running.size === 0) break
      }
      await Promise.race(stopped ? [...running, stopped] : running)
    }
  } finally {
    // Also when a claim fails (the database went away): the fetches in flight finish before the pass ends.
    await Promise.all(running)
    stopWatch?.dispose()
  }
  const refingerprinted = options.stop?.aborted === true ? 0 : await refingerprintOrWarn(deps)
  const count = (status: RefreshResult['status']): number => results.filter((r) => r.status === status).length
  deps.log.info(
    {
      feeds: results.length, updated: count('updated'), not_modified: count('not-modified'), failed: count('failed'),
      ...(refingerprinted > 0 && { refingerprinted }), duration_ms: Date.now() - started,
    },
    'refresh pass finished',
  )
  return results.sort((a, b) => a.feedId - b.feedId)
}

// Old fingerprints are recomputed a batch per pass (see refingerprintBatch); a failure there is the
// next pass's to retry, never this pass's.
async function refingerprintOrWarn(deps: RefreshDeps): Promise<number> {
  try {
    return await refingerprintBatch(deps.db)
  } catch (error) {
    deps.log.warn({ err: error }, 'recomputing stored fingerprints failed')
    return 0
  }
}

/** A promise settled when `signal` aborts, and how to stop listening (a pass runs every minute for months). */
function whenAborted(signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
  let onAbort = (): void => undefined
  const promise = new Promise<void>((resolve) => {
    onAbort = () => resolve()
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) }
}
