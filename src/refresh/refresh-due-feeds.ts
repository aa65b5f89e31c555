import { listDueFeeds } from '../store/index.js'
import { refreshFeed, type RefreshDeps, type RefreshResult } from './refresh-feed.js'
import { hostOf } from './host-of.js'
import { runWithLimits } from './run-with-limits.js'

/** Limits on one refresh pass. */
export interface RefreshPassOptions {
  /** Take every enabled feed, not only the due ones. */
  readonly all: boolean
  readonly concurrency: number
  readonly perHost: number
  /** Called once the pass knows how many feeds it takes, then after each feed: progress output. */
  readonly onStart?: (feeds: number) => void
  readonly onResult?: (result: RefreshResult) => void
}

/** The most feeds one pass takes; the rest wait for the next wake-up. */
const MAX_FEEDS_PER_PASS = 10_000

/**
 * Refreshes the feeds that are due (or all enabled ones) under the global and per-host limits, and
 * logs one summary line. One feed's failure never stops the others. Returns one result per feed.
 */
export async function refreshDueFeeds(deps: RefreshDeps, options: RefreshPassOptions): Promise<RefreshResult[]> {
  const started = Date.now()
  const feeds = await listDueFeeds(deps.db, { now: deps.now(), all: options.all, limit: MAX_FEEDS_PER_PASS })
  options.onStart?.(feeds.length)
  const results = await runWithLimits(
    feeds,
    { concurrency: options.concurrency, perKey: options.perHost, keyOf: (feed) => hostOf(feed.url) },
    async (feed) => {
      const result = await refreshFeed(deps, feed)
      options.onResult?.(result)
      return result
    },
  )
  const count = (status: RefreshResult['status']): number => results.filter((r) => r.status === status).length
  deps.log.info(
    { feeds: results.length, updated: count('updated'), not_modified: count('not-modified'), failed: count('failed'), duration_ms: Date.now() - started },
    'refresh pass finished',
  )
  return results
}
