import type { FetchRequest, FetchResult } from '../model/index.js'
import { FetchClient } from './fetch-client.js'
import type { FetchOptions } from './fetch-client.js'

/**
 * Returns the feed at `request.url` as ok or not-modified, over a connection pool of its own that is
 * closed before returning; throws FetchError for every failure. For many feeds, share a FetchClient.
 */
export async function fetchFeed(request: FetchRequest, options: FetchOptions): Promise<FetchResult> {
  const { signal, ...clientOptions } = options
  const client = new FetchClient(clientOptions)
  try {
    return await client.fetchFeed(request, signal === undefined ? {} : { signal })
  } finally {
    await client.close()
  }
}
