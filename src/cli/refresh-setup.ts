import { FetchClient } from '../fetch/index.js'
import type { Logger } from '../log/index.js'
import type { RefreshObserver } from '../metrics/index.js'
import { refreshDueFeeds, resolveFeedUrl, type RefreshDeps, type RefreshPassOptions, type RefreshResult, type ResolvedFeed } from '../refresh/index.js'
import type { HubNotifier } from '../websub/index.js'
import type { WorkerPool } from '../worker-pool/index.js'
import type { CommandContext } from './context.js'

/** What a caller chooses about one pass; the limits come from the config. */
export type PassRequest = Omit<RefreshPassOptions, 'concurrency' | 'perHost' | 'leaseSeconds' | 'owner'>

/** Refresh dependencies built from a command's context, and how to release them. */
export interface RefreshSetup {
  readonly deps: RefreshDeps
  /** Runs one refresh pass under the configured limits, then pings the WebSub hub (if any) about what changed. */
  pass(request: PassRequest): Promise<RefreshResult[]>
  /** Fetches a URL a user wants to subscribe and finds its feed (resolveFeedUrl). */
  resolve(url: string): Promise<ResolvedFeed>
  /** Closes the fetch client and the worker threads, and flushes pending hub pings. */
  close(): Promise<void>
}

/**
 * Builds the fetch client, the worker pool and the refresh dependencies from the config; close it when done.
 * The worker pool (piscina and the parsers) is loaded when the first document arrives, so a pass with
 * nothing to fetch, or a fetch waiting on the network, does not wait for it.
 */
export async function createRefreshSetup({ config, log, database }: CommandContext, observer?: RefreshObserver): Promise<RefreshSetup> {
  const client = new FetchClient({
    timeoutMs: config.fetchTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    maxBytes: config.maxFeedBytes,
    allowPrivateNetworks: config.allowPrivateNetworks,
    userAgent: config.userAgent,
    maxRedirects: 5,
  })
  let loadingPool: Promise<WorkerPool> | undefined
  const workerPool = (): Promise<WorkerPool> =>
    (loadingPool ??= import('../worker-pool/index.js').then(({ WorkerPool }) => new WorkerPool({ threads: config.parseThreads, timeoutMs: config.parseTimeoutMs })))
  const hub = config.websubHub === null ? null : await createHubNotifier(config.websubHub, config.userAgent, log)
  const deps: RefreshDeps = {
    db: database.db,
    log: log.child({ module: 'refresh' }),
    fetchFeed: (request, options) => client.fetchFeed(request, options),
    readFeed: async (input) => (await workerPool()).readFeed({ ...input, maxContentBytes: config.maxContentBytes }),
    intervals: { defaultSeconds: config.defaultIntervalSeconds, minSeconds: config.minIntervalSeconds, maxSeconds: config.maxIntervalSeconds },
    redirectConfirmations: config.redirectConfirmations,
    now: () => new Date(),
    ...(observer !== undefined && { observer }),
  }
  return {
    deps,
    async pass(request) {
      const results = await refreshDueFeeds(deps, {
        ...request,
        concurrency: config.fetchConcurrency,
        perHost: config.fetchPerHostConcurrency,
        leaseSeconds: config.leaseSeconds,
      })
      if (hub !== null) {
        const { announceChanges } = await import('./announce-changes.js')
        await announceChanges(database.db, hub, config.publicUrl, results)
      }
      return results
    },
    resolve: (url) => resolveFeedUrl({ fetchFeed: deps.fetchFeed, probe: async (input) => (await workerPool()).probe(input) }, url),
    async close() {
      await hub?.close()
      await client.close()
      if (loadingPool !== undefined) await (await loadingPool).close()
    },
  }
}

/** The WebSub notifier, loaded only when a hub is configured. */
async function createHubNotifier(hubUrl: string, userAgent: string, log: Logger): Promise<HubNotifier> {
  const [{ HubNotifier }, { FEED_CACHE_MAX_STALE_MS }] = await Promise.all([import('../websub/index.js'), import('../present/index.js')])
  return new HubNotifier({
    hubUrl,
    log: log.child({ module: 'websub' }),
    userAgent,
    // A server may answer from a cached copy checked up to FEED_CACHE_MAX_STALE_MS ago: the hub fetches
    // the topic when pinged, so the ping waits until every copy served is newer than this pass.
    delayMs: FEED_CACHE_MAX_STALE_MS + 1000,
  })
}
