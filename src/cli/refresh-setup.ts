import { FetchClient } from '../fetch/index.js'
import type { RefreshObserver } from '../metrics/index.js'
import type { RefreshDeps } from '../refresh/index.js'
import type { CommandContext } from './context.js'

/** Refresh dependencies built from a command's context, and how to release them. */
export interface RefreshSetup {
  readonly deps: RefreshDeps
  close(): Promise<void>
}

/** Builds the fetch client and refresh dependencies from the config; close it when done. */
export function createRefreshSetup({ config, log, database }: CommandContext, observer?: RefreshObserver): RefreshSetup {
  const client = new FetchClient({
    timeoutMs: config.fetchTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    maxBytes: config.maxFeedBytes,
    allowPrivateNetworks: config.allowPrivateNetworks,
    userAgent: config.userAgent,
    maxRedirects: 5,
  })
  return {
    deps: {
      db: database.db,
      log: log.child({ module: 'refresh' }),
      fetchFeed: (request) => client.fetchFeed(request),
      intervals: { defaultSeconds: config.defaultIntervalSeconds, minSeconds: config.minIntervalSeconds, maxSeconds: config.maxIntervalSeconds },
      redirectConfirmations: config.redirectConfirmations,
      now: () => new Date(),
      ...(observer !== undefined && { observer }),
    },
    close: () => client.close(),
  }
}
