import type { Kysely } from 'kysely'
import type { Config } from '../config/index.js'
import type { Database } from '../db/index.js'
import type { Metrics } from '../metrics/index.js'
import type { ResolvedFeed } from '../refresh/index.js'

/** What the HTTP app needs; the CLI builds it once. */
export interface AppDeps {
  readonly db: Kysely<Database>
  readonly config: Pick<Config, 'publicUrl' | 'adminToken' | 'feedMaxAgeSeconds' | 'websubHub' | 'feedIconUrl'>
  /** Fetches a URL to subscribe and finds its feed (autodiscovery for HTML pages). */
  readonly resolveFeed: (url: string) => Promise<ResolvedFeed>
  /** Prometheus metrics of this process, served at /metrics; HTTP requests are recorded into it. */
  readonly metrics: Metrics
}
