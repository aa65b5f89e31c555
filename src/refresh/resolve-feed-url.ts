import { AppError } from '../errors.js'
import type { DiscoveredFeed } from '../discover/index.js'
import { redactUrl } from '../fetch/index.js'
import type { FetchRequest, FetchResult } from '../model/index.js'
import type { ProbeInput, ProbeResult } from '../worker-pool/index.js'

/** What a URL given by a user turned out to be: the feed to subscribe, and the page's other feeds. */
export interface ResolvedFeed {
  readonly feedUrl: string
  /** Other feeds an HTML page offered besides the one chosen, in the page's order. */
  readonly alternates: readonly DiscoveredFeed[]
}

/** The URL is an HTML page that links to no feed; the API maps it to 400. */
export class NoFeedFoundError extends AppError {
  constructor(url: string) {
    super('bad_request', `feeds: no feed found at ${url}: it is an HTML page with no <link rel="alternate"> feed`)
  }
}

/** What resolving needs: the fetch stage, and the worker pool's probe (the page is untrusted input). */
export interface ResolveDeps {
  readonly fetchFeed: (request: FetchRequest) => Promise<FetchResult>
  readonly probe: (input: ProbeInput) => Promise<ProbeResult>
}

/**
 * Fetches a URL a user wants to subscribe: a feed is taken as it is; an HTML page is searched for its
 * feeds (autodiscovery) and the first is chosen. Throws FetchError, ParseError, or NoFeedFoundError.
 */
export async function resolveFeedUrl(deps: ResolveDeps, url: string): Promise<ResolvedFeed> {
  const fetched = await deps.fetchFeed({ url, etag: null, lastModified: null })
  if (fetched.status === 'not-modified') return { feedUrl: url, alternates: [] }
  const probed = await deps.probe({ body: fetched.body, url: fetched.finalUrl, contentType: fetched.contentType })
  if (probed.kind === 'feed') return { feedUrl: url, alternates: [] }
  const [first, ...others] = probed.feeds
  if (first === undefined) throw new NoFeedFoundError(redactUrl(url))
  return { feedUrl: first.url, alternates: others }
}
